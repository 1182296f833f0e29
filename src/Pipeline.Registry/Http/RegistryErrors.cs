using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Pipeline.Version;

namespace Pipeline.Registry.Http;

/// <summary>
/// Turns transport failures and error responses (distribution spec "Error Codes") into named
/// <see cref="RegistryException"/>s: what failed, then the kind's fix from <see cref="RegistryFixes"/>.
/// Messages name users and hosts, never secrets.
/// </summary>
internal static class RegistryErrors
{
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
    public static RegistryException Unauthenticated(RegistryHost registry, StageInputNames inputs, RegistryCredentials credentials, string detail) =>
        credentials.IsAnonymous
            ? Named(inputs, RegistryFailureKind.NoBasicAuthCredentials, registry, $"no basic auth credentials: {registry} requires a login ({detail})")
            : Named(
                inputs,
                RegistryFailureKind.Unauthorized,
                registry,
                credentials.Password is null
                    ? $"the registry {registry} refused the identity token of user {credentials.Username} ({detail}; from {credentials.Source})"
                    : $"the registry {registry} refused user {credentials.Username} ({detail}; credentials from {credentials.Source})");

    public static RegistryException Unreachable(RegistryHost registry, StageInputNames inputs, Uri uri, Exception exception) =>
        Named(inputs, RegistryFailureKind.Unreachable, registry, $"cannot reach the registry {registry} at {uri.GetLeftPart(UriPartial.Authority)} ({Describe(exception)})", innerException: exception);

    public static RegistryException Stalled(RegistryHost registry, StageInputNames inputs, RegistryOperation operation, TimeSpan limit, Exception exception) =>
        Named(
            inputs,
            RegistryFailureKind.TransferStalled,
            registry,
            $"could not {operation.Verb} {operation.Target(registry)}: no byte moved for {limit.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)} s (the transfer stalled)",
            innerException: exception);

    /// <summary>The last of a bounded number of failed attempts: its problem, how many were made, and its fix.</summary>
    public static RegistryException GaveUp(StageInputNames inputs, RegistryException last, int attempts) =>
        new(last.Kind, last.Registry, $"{last.Problem} (gave up after {attempts} attempts)", last.Fix ?? RegistryFixes.For(last.Kind, last.Registry, inputs), last);

    public static RegistryException ForeignOrigin(RegistryHost registry, StageInputNames inputs, RegistryOperation operation, Uri uri) =>
        Named(
            inputs,
            RegistryFailureKind.ForeignOrigin,
            registry,
            $"to {operation.Verb} {operation.Target(registry)}, {registry} sent the client to {CredentialOrigin.Of(uri)}, which asks for credentials: the login for {registry} goes only to {registry} and its token service");

    public static RegistryException HttpResponseToHttpsClient(RegistryHost registry, StageInputNames inputs, Exception? exception) =>
        Named(
            inputs,
            RegistryFailureKind.HttpResponseToHttpsClient,
            registry,
            $"http: server gave HTTP response to HTTPS client: {registry} speaks plain HTTP (a client created with RegistryScheme.Http allows it)",
            innerException: exception);

    public static RegistryException CertificateRejected(RegistryHost registry, StageInputNames inputs, TlsTrust.Rejection rejection, Exception exception) =>
        rejection.Errors.HasFlag(System.Net.Security.SslPolicyErrors.RemoteCertificateNameMismatch)
            ? Named(
                inputs,
                RegistryFailureKind.CertificateNameMismatch,
                registry,
                $"x509: the certificate of {registry} ({rejection.Subject}) is not valid for {registry.Hostname}",
                innerException: exception)
            : Named(
                inputs,
                RegistryFailureKind.UnknownAuthority,
                registry,
                $"x509: certificate signed by unknown authority: {registry} presented {rejection.Subject}",
                innerException: exception);

    /// <summary>Maps an unsuccessful response to a named failure.</summary>
    public static async Task<RegistryException> FromResponseAsync(
        RegistryHost registry,
        StageInputNames inputs,
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
                return Denied(registry, inputs, credentials, operation, target);
            }

            return Unauthenticated(registry, inputs, credentials, $"{operation.Verb} {target} answered 401");
        }

        if (response.StatusCode == HttpStatusCode.Forbidden || codes.Contains("DENIED"))
        {
            return Denied(registry, inputs, credentials, operation, target);
        }

        if (operation.Resource == RegistryResource.ManifestDelete
            && (response.StatusCode == HttpStatusCode.MethodNotAllowed || codes.Contains("UNSUPPORTED")))
        {
            return Named(inputs, RegistryFailureKind.DeleteDisabled, registry, $"delete is disabled on this registry (cannot delete {target})");
        }

        if (codes.Contains("NAME_UNKNOWN") || (response.StatusCode == HttpStatusCode.NotFound && codes.Count == 0 && operation.Resource == RegistryResource.Tags))
        {
            return Named(inputs, RegistryFailureKind.NameUnknown, registry, $"repository {operation.Repository} does not exist on {registry} (NAME_UNKNOWN)");
        }

        if (codes.Contains("MANIFEST_UNKNOWN")
            || (response.StatusCode == HttpStatusCode.NotFound && operation.Resource is RegistryResource.Manifest or RegistryResource.ManifestDelete))
        {
            return Named(inputs, RegistryFailureKind.ManifestUnknown, registry, $"{target} does not exist (MANIFEST_UNKNOWN)");
        }

        if (codes.Contains("BLOB_UNKNOWN") || codes.Contains("MANIFEST_BLOB_UNKNOWN") || (response.StatusCode == HttpStatusCode.NotFound && operation.Resource == RegistryResource.Blob))
        {
            return Named(inputs, RegistryFailureKind.BlobUnknown, registry, $"blob {target} does not exist (BLOB_UNKNOWN)");
        }

        var detail = codes.Count > 0 ? $" ({string.Join(", ", codes)})" : string.Empty;
        return Named(inputs, RegistryFailureKind.Unexpected, registry, $"could not {operation.Verb} {target}: the registry answered {status} {response.ReasonPhrase}{detail}");
    }

    private static RegistryException Denied(RegistryHost registry, StageInputNames inputs, RegistryCredentials credentials, RegistryOperation operation, string target)
    {
        var who = credentials.IsAnonymous ? "anonymous access" : $"user {credentials.Username}";
        return Named(inputs, RegistryFailureKind.Denied, registry, $"{who} may not {operation.Verb} {target} (denied)", operation.Repository);
    }

    private static RegistryException Named(StageInputNames inputs, RegistryFailureKind kind, RegistryHost registry, string problem, string? repository = null, Exception? innerException = null) =>
        new(kind, registry, problem, RegistryFixes.For(kind, registry, inputs, repository), innerException);

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
