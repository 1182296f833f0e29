using Pipeline.Registry;

namespace Pipeline.Image;

/// <summary>Names the engine's in-band push errors and words them like the registry package's failures.</summary>
internal static class PushFailures
{
    public static ImagePushException Describe(ImageReference image, RegistryCredentials credentials, string error)
    {
        var registry = image.Registry;
        var name = image.ToFamiliarString();
        var (kind, message) = error switch
        {
            _ when Has(error, "does not exist locally") || Has(error, "tag does not exist") || Has(error, "No such image") =>
                (ImagePushFailureKind.LocalImageMissing,
                    $"cannot push {name}: there is no such image on this machine ({error}); build it first or check the tag"),
            _ when Has(error, "no basic auth credentials") =>
                (ImagePushFailureKind.NoBasicAuthCredentials,
                    $"no basic auth credentials: {registry} requires a login to push {name}: pass --registry-username and REGISTRY_PASSWORD, or docker login {registry}"),
            _ when Has(error, "unauthorized") || Has(error, "authentication required") =>
                (ImagePushFailureKind.Unauthorized,
                    credentials.IsAnonymous
                        ? $"unauthorized: {registry} requires a login to push {name}: pass --registry-username and REGISTRY_PASSWORD"
                        : $"unauthorized: the registry {registry} refused user {credentials.Username} (credentials from {credentials.Source}) pushing {name}: check the password"),
            _ when Has(error, "denied") =>
                (ImagePushFailureKind.Denied,
                    $"{(credentials.IsAnonymous ? "anonymous users" : $"user {credentials.Username}")} may not push {name} ({error}): grant push rights on {image.Repository}"),
            _ when Has(error, "server gave HTTP response to HTTPS client") =>
                (ImagePushFailureKind.HttpResponseToHttpsClient,
                    $"http: server gave HTTP response to HTTPS client: {registry} speaks plain HTTP and the Docker daemon uses HTTPS for it. "
                    + $"Give the registry TLS, or add \"{registry}\" to insecure-registries in /etc/docker/daemon.json and restart dockerd"),
            _ when Has(error, "x509") || Has(error, "certificate signed by unknown authority") =>
                (ImagePushFailureKind.UnknownAuthority,
                    $"x509: certificate signed by unknown authority: the Docker daemon does not trust the certificate of {registry} ({error}); "
                    + $"put the registry's CA at /etc/docker/certs.d/{registry}/ca.crt"),
            _ when Has(error, "connection refused") || Has(error, "no such host") || Has(error, "i/o timeout") || Has(error, "dial tcp") =>
                (ImagePushFailureKind.Unreachable,
                    $"cannot reach the registry {registry} to push {name} ({error}): check that it runs and that host and port are right"),
            _ => (ImagePushFailureKind.Unexpected,
                    $"pushing {name} to {registry} failed: {error}; check the registry's and the engine's logs"),
        };

        return new ImagePushException(kind, image, Redact(message, credentials));
    }

    // The engine never echoes secrets today; a message built from its text still must not carry one if it ever does.
    private static string Redact(string message, RegistryCredentials credentials) =>
        credentials.Secrets.Where(secret => secret.Length > 0)
            .Aggregate(message, (text, secret) => text.Replace(secret, "***", StringComparison.Ordinal));

    private static bool Has(string error, string fragment) => error.Contains(fragment, StringComparison.OrdinalIgnoreCase);
}
