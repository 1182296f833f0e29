using Pipeline.Image;
using Pipeline.Registry;
using Pipeline.Version;

namespace Pipeline.Doctor;

/// <summary>
/// Predicts whether the Docker engine will talk to the registry the way it answers: plain HTTP only where the
/// engine's registry configuration allows it (dockerd always allows loopback, plus its <c>insecure-registries</c>
/// names and CIDRs), and HTTPS with a private CA only when the engine finds that CA under <c>certs.d</c>.
/// </summary>
public static class SchemeCheck
{
    /// <summary>The check's name.</summary>
    public const string Name = "registry scheme";

    /// <summary>The Docker daemon's per-registry CA directory.</summary>
    public const string DockerCertificatesDirectory = RegistryFixes.DockerCertificatesDirectory;

    /// <summary>The registry answers plain HTTP: does the engine allow that for it?</summary>
    /// <param name="registry">The registry.</param>
    /// <param name="engine">What the engine said about its registry configuration; null when it did not answer.</param>
    /// <param name="inputs">What the caller calls its inputs, for the fix.</param>
    public static CheckResult ForPlainHttp(RegistryHost registry, EngineInfo? engine, StageInputNames? inputs = null)
    {
        if (registry.IsLoopback)
        {
            return CheckResult.Ok(Name, $"HTTP: {registry} is a loopback address, which dockerd always reaches over plain HTTP");
        }

        if (engine is null)
        {
            return CheckResult.Warning(
                Name,
                $"HTTP: whether the engine allows plain HTTP to {registry} is unknown (the engine did not answer)",
                $"make sure /etc/docker/daemon.json lists \"{registry}\" under insecure-registries");
        }

        if (engine.AllowsPlainHttp(registry))
        {
            return CheckResult.Ok(Name, $"HTTP: the engine's insecure registries allow it ({Describe(engine)})");
        }

        return CheckResult.Failed(
            Name,
            $"HTTP, but the engine's insecure registries ({Describe(engine)}) do not include {registry}: docker push will fail with \"http: server gave HTTP response to HTTPS client\"",
            RegistryFixes.For(RegistryFailureKind.HttpResponseToHttpsClient, registry, inputs ?? StageInputNames.Neutral));
    }

    /// <summary>The registry answers HTTPS: with a private CA, does the engine trust it too?</summary>
    /// <param name="registry">The registry.</param>
    /// <param name="caCertificatePath">The CA given to Pipeline (<see cref="StageInputNames.RegistryCa"/>), or null when the system's roots suffice.</param>
    /// <param name="certificatesDirectory">The engine's certs.d directory (<see cref="DockerCertificatesDirectory"/>).</param>
    public static CheckResult ForHttps(RegistryHost registry, string? caCertificatePath, string certificatesDirectory = DockerCertificatesDirectory)
    {
        if (caCertificatePath is null)
        {
            return CheckResult.Ok(Name, "HTTPS, certificate trusted by the system's roots");
        }

        var engineCa = Path.Combine(certificatesDirectory, registry.ToString(), "ca.crt");
        return File.Exists(engineCa)
            ? CheckResult.Ok(Name, $"HTTPS, certificate trusted through {caCertificatePath} (Pipeline) and {engineCa} (Docker engine)")
            : CheckResult.Warning(
                Name,
                $"HTTPS, certificate trusted through {caCertificatePath}, but {engineCa} does not exist: unless the engine's host trusts that CA, docker push fails with \"x509: certificate signed by unknown authority\"",
                $"copy {caCertificatePath} to {engineCa}");
    }

    /// <summary>Pipeline's own registry client pushes (the direct builder): it speaks the scheme the registry answered, trusting the given CA.</summary>
    /// <param name="endpoint">Where the registry API answered.</param>
    /// <param name="caCertificatePath">The CA given to Pipeline, or null when the system's roots suffice.</param>
    public static CheckResult ForOwnClient(Uri endpoint, string? caCertificatePath) =>
        CheckResult.Ok(Name, endpoint.Scheme == Uri.UriSchemeHttp
            ? "HTTP: Pipeline's registry client pushes over plain HTTP itself (no Docker engine, so no insecure-registries entry is needed)"
            : caCertificatePath is null
                ? "HTTPS, certificate trusted by the system's roots (Pipeline's registry client pushes; no Docker engine involved)"
                : $"HTTPS, certificate trusted through {caCertificatePath} (Pipeline's registry client pushes; no Docker engine involved)");

    private static string Describe(EngineInfo engine)
    {
        var parts = engine.InsecureRegistries.Concat(engine.InsecureRegistryCidrs).ToList();
        return parts.Count == 0 ? "none" : string.Join(", ", parts);
    }
}
