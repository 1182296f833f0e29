using Pipeline.Registry;
using Pipeline.Version;

namespace Pipeline.Image;

/// <summary>
/// Names the engine's in-band push errors: the registry's words are read by <see cref="RegistryFailureText"/> and
/// fixed with <see cref="RegistryFixes"/>, so a push failure says what the registry client would say.
/// </summary>
internal static class PushFailures
{
    public static ImagePushException Describe(ImageReference image, RegistryCredentials credentials, StageInputNames inputs, string error)
    {
        var registry = image.Registry;
        var name = image.ToFamiliarString();
        if (Has(error, "does not exist locally") || Has(error, "tag does not exist") || Has(error, "No such image"))
        {
            return new ImagePushException(
                ImagePushFailureKind.LocalImageMissing,
                image,
                Redact($"cannot push {name}: there is no such image on this machine ({error}); build it first or check the tag", credentials));
        }

        var who = credentials.IsAnonymous ? "anonymous users" : $"user {credentials.Username}";
        var registryKind = RegistryFailureText.Classify(error);
        var (kind, problem) = registryKind switch
        {
            RegistryFailureKind.NoBasicAuthCredentials =>
                (ImagePushFailureKind.NoBasicAuthCredentials, $"no basic auth credentials: {registry} requires a login to push {name}"),
            RegistryFailureKind.Unauthorized =>
                (ImagePushFailureKind.Unauthorized, credentials.IsAnonymous
                    ? $"unauthorized: {registry} requires a login to push {name}"
                    : $"unauthorized: the registry {registry} refused user {credentials.Username} (credentials from {credentials.Source}) pushing {name}"),
            RegistryFailureKind.Denied =>
                (ImagePushFailureKind.Denied, $"{who} may not push {name} ({error})"),
            RegistryFailureKind.HttpResponseToHttpsClient =>
                (ImagePushFailureKind.HttpResponseToHttpsClient, $"http: server gave HTTP response to HTTPS client: {registry} speaks plain HTTP and the Docker daemon uses HTTPS for it"),
            RegistryFailureKind.UnknownAuthority =>
                (ImagePushFailureKind.UnknownAuthority, $"x509: certificate signed by unknown authority: the Docker daemon does not trust the certificate of {registry} ({error})"),
            RegistryFailureKind.Unreachable =>
                (ImagePushFailureKind.Unreachable, $"cannot reach the registry {registry} to push {name} ({error})"),
            _ => (ImagePushFailureKind.Unexpected, $"pushing {name} to {registry} failed: {error}"),
        };

        var fix = (kind, registryKind) switch
        {
            (ImagePushFailureKind.Unexpected, _) or (_, null) => "check the registry's and the engine's logs",
            // An anonymous push refused as "unauthorized" wants a login, not a better password.
            (ImagePushFailureKind.Unauthorized, _) when credentials.IsAnonymous => RegistryFixes.For(RegistryFailureKind.NoBasicAuthCredentials, registry, inputs),
            (_, { } named) => RegistryFixes.For(named, registry, inputs, image.Repository),
        };

        return new ImagePushException(kind, image, Redact($"{problem}: {fix}", credentials));
    }

    // The engine never echoes secrets today; a message built from its text still must not carry one if it ever does.
    private static string Redact(string message, RegistryCredentials credentials) =>
        credentials.Secrets.Where(secret => secret.Length > 0)
            .Aggregate(message, (text, secret) => text.Replace(secret, "***", StringComparison.Ordinal));

    private static bool Has(string error, string fragment) => error.Contains(fragment, StringComparison.OrdinalIgnoreCase);
}
