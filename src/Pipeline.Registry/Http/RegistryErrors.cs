using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Pipeline.Registry.Http;

/// <summary>
/// Turns transport failures and error responses (distribution spec "Error Codes") into named
/// <see cref="RegistryException"/>s whose messages say what to do. Messages name users and hosts, never secrets.
/// </summary>
internal static class RegistryErrors
{
    public const string DeleteDisabledMessage = "delete is disabled on this registry: set storage.delete.enabled: true";

    /// <summary>A short reason for a transport failure: "connection refused", "timed out", ….</summary>
    public static string Describe(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case SocketException { SocketErrorCode: SocketError.ConnectionRefused }:
                    return "connection refused";
                case SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData }:
                    return "host name not found";
                case SocketException socket:
                    return socket.Message;
                case TimeoutException or OperationCanceledException:
                    return "timed out";
            }
        }

        return exception.Message;
    }

    /// <summary>A 401 (or a token service's refusal) for the given credentials.</summary>
    public static RegistryException Unauthenticated(RegistryHost registry, RegistryCredentials credentials, string detail) =>
        credentials.IsAnonymous
            ? new RegistryException(
                RegistryFailureKind.NoBasicAuthCredentials,
                registry,
                $"no basic auth credentials: {registry} requires a login ({detail}): pass --registry-username and REGISTRY_PASSWORD, or docker login {registry}")
            : new RegistryException(
                RegistryFailureKind.Unauthorized,
                registry,
                credentials.Password is null
                    ? $"the registry {registry} refused the identity token of user {credentials.Username} ({detail}; from {credentials.Source}): run docker login {registry} again"
                    : $"the registry {registry} refused user {credentials.Username} ({detail}; credentials from {credentials.Source}): check the password");

    public static RegistryException Unreachable(RegistryHost registry, Uri uri, Exception exception) =>
        new(
            RegistryFailureKind.Unreachable,
            registry,
            $"cannot reach the registry {registry} at {uri.GetLeftPart(UriPartial.Authority)} ({Describe(exception)}): check that it runs and that host and port are right",
            exception);

    public static RegistryException ForeignOrigin(RegistryHost registry, RegistryOperation operation, Uri uri) =>
        new(
            RegistryFailureKind.ForeignOrigin,
            registry,
            $"to {operation.Verb} {operation.Target(registry)}, {registry} sent the client to {CredentialOrigin.Of(uri)}, which asks for credentials: the login for {registry} goes only to {registry} and its token service; configure the registry to serve that content itself or without credentials");

    public static RegistryException HttpResponseToHttpsClient(RegistryHost registry, Exception? exception) =>
        new(
            RegistryFailureKind.HttpResponseToHttpsClient,
            registry,
            $"http: server gave HTTP response to HTTPS client: {registry} speaks plain HTTP. Give it TLS, or allow plain HTTP for it (a client created with RegistryScheme.Http; the Docker daemon needs it under insecure-registries)",
            exception);

    public static RegistryException CertificateRejected(RegistryHost registry, TlsTrust.Rejection rejection, Exception exception) =>
        rejection.Errors.HasFlag(System.Net.Security.SslPolicyErrors.RemoteCertificateNameMismatch)
            ? new RegistryException(
                RegistryFailureKind.CertificateNameMismatch,
                registry,
                $"x509: the certificate of {registry} ({rejection.Subject}) is not valid for {registry.Hostname}: reissue it with {registry.Hostname} in its subject alternative names, or use a name it holds",
                exception)
            : new RegistryException(
                RegistryFailureKind.UnknownAuthority,
                registry,
                $"x509: certificate signed by unknown authority: {registry} presented {rejection.Subject}; trust it with /etc/docker/certs.d/{registry}/ca.crt or the --registry-ca parameter",
                exception);

    /// <summary>Maps an unsuccessful response to a named failure.</summary>
    public static async Task<RegistryException> FromResponseAsync(
        RegistryHost registry,
        RegistryCredentials credentials,
        RegistryOperation operation,
        HttpResponseMessage response,
        CancellationToken cancellationToken)
    {
        var codes = await ReadErrorCodesAsync(response, cancellationToken);
        var target = operation.Target(registry);
        var status = (int)response.StatusCode;

        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            if (!credentials.IsAnonymous && AuthChallenge.FromResponse(response)?.Error == "insufficient_scope")
            {
                return Denied(registry, credentials, operation, target);
            }

            return Unauthenticated(registry, credentials, $"{operation.Verb} {target} answered 401");
        }

        if (response.StatusCode == HttpStatusCode.Forbidden || codes.Contains("DENIED"))
        {
            return Denied(registry, credentials, operation, target);
        }

        if (operation.Resource == RegistryResource.ManifestDelete
            && (response.StatusCode == HttpStatusCode.MethodNotAllowed || codes.Contains("UNSUPPORTED")))
        {
            return new RegistryException(RegistryFailureKind.DeleteDisabled, registry, $"{DeleteDisabledMessage} (cannot delete {target})");
        }

        if (codes.Contains("NAME_UNKNOWN") || (response.StatusCode == HttpStatusCode.NotFound && codes.Count == 0 && operation.Resource == RegistryResource.Tags))
        {
            return new RegistryException(
                RegistryFailureKind.NameUnknown,
                registry,
                $"repository {operation.Repository} does not exist on {registry} (NAME_UNKNOWN): check the name, or push an image to it first");
        }

        if (codes.Contains("MANIFEST_UNKNOWN")
            || (response.StatusCode == HttpStatusCode.NotFound && operation.Resource is RegistryResource.Manifest or RegistryResource.ManifestDelete))
        {
            return new RegistryException(
                RegistryFailureKind.ManifestUnknown,
                registry,
                $"{target} does not exist (MANIFEST_UNKNOWN): check the tag or digest, or push the image first");
        }

        if (codes.Contains("BLOB_UNKNOWN") || codes.Contains("MANIFEST_BLOB_UNKNOWN") || (response.StatusCode == HttpStatusCode.NotFound && operation.Resource == RegistryResource.Blob))
        {
            return new RegistryException(
                RegistryFailureKind.BlobUnknown,
                registry,
                $"blob {target} does not exist (BLOB_UNKNOWN): push the image's layers and config before its manifest");
        }

        var detail = codes.Count > 0 ? $" ({string.Join(", ", codes)})" : string.Empty;
        return new RegistryException(
            RegistryFailureKind.Unexpected,
            registry,
            $"could not {operation.Verb} {target}: the registry answered {status} {response.ReasonPhrase}{detail}; check the registry's log");
    }

    private static RegistryException Denied(RegistryHost registry, RegistryCredentials credentials, RegistryOperation operation, string target)
    {
        var who = credentials.IsAnonymous ? "anonymous access" : $"user {credentials.Username}";
        return new RegistryException(
            RegistryFailureKind.Denied,
            registry,
            $"{who} may not {operation.Verb} {target} (denied): grant the user the rights it needs on {operation.Repository ?? "the registry"}");
    }

    private static async Task<HashSet<string>> ReadErrorCodesAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        if (response.RequestMessage?.Method == HttpMethod.Head)
        {
            return codes;
        }

        try
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (body.Length == 0 || body[0] != (byte)'{')
            {
                return codes;
            }

            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                foreach (var error in errors.EnumerateArray())
                {
                    if (error.TryGetProperty("code", out var code) && code.GetString() is { } value)
                    {
                        codes.Add(value);
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not the spec's error body (a proxy's page): the status code alone decides.
        }

        return codes;
    }
}
