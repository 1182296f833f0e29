namespace Pipeline.Registry;

/// <summary>The named ways talking to a registry fails; each maps to one fix.</summary>
public enum RegistryFailureKind
{
    /// <summary>Anything without a more specific name (an unexpected status or error code).</summary>
    Unexpected,

    /// <summary>Nothing answers at host:port (connection refused, DNS failure or timeout).</summary>
    Unreachable,

    /// <summary>HTTPS was used against a registry that speaks plain HTTP.</summary>
    HttpResponseToHttpsClient,

    /// <summary>The registry's TLS certificate is signed by a CA the client does not trust.</summary>
    UnknownAuthority,

    /// <summary>The registry's TLS certificate does not name the host it was reached by.</summary>
    CertificateNameMismatch,

    /// <summary>The registry wants credentials and none were given.</summary>
    NoBasicAuthCredentials,

    /// <summary>The registry refused the given user name and password.</summary>
    Unauthorized,

    /// <summary>The user is known but may not do this (HTTP 403 / DENIED).</summary>
    Denied,

    /// <summary>The repository exists but the tag or digest does not (MANIFEST_UNKNOWN).</summary>
    ManifestUnknown,

    /// <summary>The repository does not exist (NAME_UNKNOWN).</summary>
    NameUnknown,

    /// <summary>The blob does not exist (BLOB_UNKNOWN).</summary>
    BlobUnknown,

    /// <summary>The registry does not allow deletes (storage.delete.enabled is false).</summary>
    DeleteDisabled,

    /// <summary>The token endpoint (realm) named by the registry's challenge cannot be reached.</summary>
    TokenRealmUnreachable,

    /// <summary>The token realm is plain HTTP on another, non-loopback host: the login would cross the network in clear.</summary>
    InsecureTokenRealm,

    /// <summary>The registry sent the client to another origin (a <c>Link</c> or <c>Location</c>) that wants credentials, which stay with the registry.</summary>
    ForeignOrigin,

    /// <summary>Something answers, but not the registry API (e.g. a web UI port instead of the Docker connector).</summary>
    NotARegistry,

    /// <summary>The manifest or blob the registry sent does not match what the client expects.</summary>
    InvalidContent,

    /// <summary>A blob upload or download moved no byte for the stall timeout (the registry stopped reading or sending).</summary>
    TransferStalled,

    /// <summary>A docker-credential-* helper named by the docker config is missing or failed.</summary>
    CredentialHelperFailed,

    /// <summary>The docker config.json cannot be read or is not valid JSON.</summary>
    InvalidDockerConfig,

    /// <summary>The local registry could not be started (binary missing, port taken, exited early).</summary>
    LocalRegistryFailed,
}
