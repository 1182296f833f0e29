using Pipeline.Version;

namespace Pipeline.Registry;

/// <summary>
/// The one fix for each <see cref="RegistryFailureKind"/>: the registry client's messages end with it, the push
/// stage words the engine's registry errors with it, and the Doctor shows it in its "what to do" column.
/// </summary>
public static class RegistryFixes
{
    /// <summary>The Docker daemon's per-registry CA directory (<c>certs.d/HOST:PORT/ca.crt</c>).</summary>
    public const string DockerCertificatesDirectory = "/etc/docker/certs.d";

    /// <summary>What to do about <paramref name="kind"/> for <paramref name="registry"/> (and <paramref name="repository"/>, when the failure is about one).</summary>
    /// <param name="kind">The failure.</param>
    /// <param name="registry">The registry it is about.</param>
    /// <param name="inputs">What the caller calls the inputs a fix names (the registry, its user, password and CA).</param>
    /// <param name="repository">The repository, when the failure is about one.</param>
    public static string For(RegistryFailureKind kind, RegistryHost registry, StageInputNames inputs, string? repository = null) => kind switch
    {
        RegistryFailureKind.Unreachable =>
            $"start the registry, or correct {inputs.Registry} (host:port) if {registry} is not where it listens",
        RegistryFailureKind.HttpResponseToHttpsClient =>
            $"give {registry} TLS, or add \"insecure-registries\": [\"{registry}\"] to /etc/docker/daemon.json and restart dockerd",
        RegistryFailureKind.UnknownAuthority =>
            $"put the registry's CA certificate at {DockerCertificatesDirectory}/{registry}/ca.crt (Docker engine) and give it as {inputs.RegistryCa} (Pipeline)",
        RegistryFailureKind.CertificateNameMismatch =>
            $"reissue the registry's certificate with {registry.Hostname} in its subject alternative names, or use a name it holds",
        RegistryFailureKind.NoBasicAuthCredentials =>
            $"pass {inputs.RegistryUsername} and {inputs.RegistryPassword}, or docker login {registry}",
        RegistryFailureKind.Unauthorized =>
            $"check the user and its password ({inputs.RegistryPassword}, or docker login {registry} again)",
        RegistryFailureKind.Denied =>
            $"grant the user the rights it needs on {(repository is null ? "the repository" : $"{registry}/{repository}")} (read to pull, write to push, delete to delete)",
        RegistryFailureKind.NameUnknown =>
            "check the repository name, or push an image to it first",
        RegistryFailureKind.ManifestUnknown =>
            "check the tag or digest, or push the image first",
        RegistryFailureKind.BlobUnknown =>
            "push the image's layers and config before its manifest",
        RegistryFailureKind.ForeignOrigin =>
            "configure the registry to serve that content itself or without credentials",
        RegistryFailureKind.TokenRealmUnreachable =>
            "start the token service the registry's challenge names (auth.token.realm), or correct the realm so this machine can reach it",
        RegistryFailureKind.NotARegistry =>
            "use the registry's Docker connector port (Nexus: the docker repository's HTTP/HTTPS connector, e.g. 8082), not the web UI's",
        RegistryFailureKind.CredentialHelperFailed =>
            "install the docker-credential-* helper your ~/.docker/config.json names, or remove it from credHelpers / credsStore",
        RegistryFailureKind.InvalidDockerConfig =>
            $"repair ~/.docker/config.json (docker login {registry} rewrites its entry)",
        RegistryFailureKind.TransferStalled =>
            $"check the network to {registry} and the registry's disk and log, or allow a longer stall timeout if the link pauses that long",
        RegistryFailureKind.DeleteDisabled =>
            "set storage.delete.enabled: true in the registry's configuration",
        RegistryFailureKind.LocalRegistryFailed =>
            "run build/provision.sh registry, or free port 5000",
        _ => "check the registry's log for the request named in the detail",
    };
}
