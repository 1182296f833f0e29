namespace Pipeline.Registry;

/// <summary>Where a set of registry credentials came from.</summary>
public enum CredentialSourceKind
{
    /// <summary>No credentials: the registry is asked anonymously.</summary>
    Anonymous,

    /// <summary>Passed in by the caller (build parameters, environment variables).</summary>
    Explicit,

    /// <summary>The <c>auths</c> section of a docker config.json.</summary>
    DockerConfig,

    /// <summary>A per-registry <c>credHelpers</c> entry (a <c>docker-credential-NAME</c> program).</summary>
    CredentialHelper,

    /// <summary>The default <c>credsStore</c> (a <c>docker-credential-NAME</c> program).</summary>
    CredentialStore,
}
