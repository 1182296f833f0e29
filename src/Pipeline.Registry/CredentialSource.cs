namespace Pipeline.Registry;

/// <summary>
/// Where credentials came from, for diagnostics ("user ci from docker config /home/ci/.docker/config.json").
/// Never holds a secret.
/// </summary>
/// <param name="Kind">The kind of source.</param>
/// <param name="Description">A human readable location, e.g. a config path or a helper name.</param>
public readonly record struct CredentialSource(CredentialSourceKind Kind, string Description)
{
    /// <summary>No credentials.</summary>
    public static CredentialSource Anonymous => new(CredentialSourceKind.Anonymous, "anonymous");

    /// <summary>Credentials the caller passed in; <paramref name="description"/> names where from (e.g. a parameter).</summary>
    public static CredentialSource Explicit(string description = "explicit credentials") => new(CredentialSourceKind.Explicit, description);

    /// <summary>The <c>auths</c> section of the docker config at <paramref name="configPath"/>.</summary>
    public static CredentialSource DockerConfig(string configPath) => new(CredentialSourceKind.DockerConfig, $"docker config {configPath}");

    /// <summary>The <c>credHelpers</c> program <c>docker-credential-<paramref name="helper"/></c>.</summary>
    public static CredentialSource CredentialHelper(string helper) => new(CredentialSourceKind.CredentialHelper, $"credential helper docker-credential-{helper}");

    /// <summary>The <c>credsStore</c> program <c>docker-credential-<paramref name="store"/></c>.</summary>
    public static CredentialSource CredentialStore(string store) => new(CredentialSourceKind.CredentialStore, $"credential store docker-credential-{store}");

    /// <inheritdoc />
    public override string ToString() => Description ?? "anonymous";
}
