using Pipeline.Image;
using Pipeline.Registry;
using Pipeline.Registry.Http;
using Pipeline.Version;

namespace Pipeline.Doctor;

/// <summary>What the registry checks look at.</summary>
/// <param name="Registry">The registry host[:port].</param>
/// <param name="Credentials">The resolved credentials (their <see cref="RegistryCredentials.Source"/> is reported).</param>
/// <param name="Repository">The repository a push goes to, for the push-access probe.</param>
public sealed record RegistryCheckRequest(RegistryHost Registry, RegistryCredentials Credentials, string Repository)
{
    /// <summary>TLS trust (the registry CA) and timeouts.</summary>
    public RegistryClientOptions ClientOptions { get; init; } = new();

    /// <summary>The engine's info, for the plain-HTTP prediction; null when the engine did not answer.</summary>
    public EngineInfo? Engine { get; init; }

    /// <summary>
    /// True when a Docker engine pushes (its insecure registries and certs.d decide); false when Pipeline's own registry
    /// client pushes (the direct builder), which needs neither.
    /// </summary>
    public bool PushedByEngine { get; init; } = true;

    /// <summary>Probe push access (the token grant, or an upload started and cancelled); off for the pre-flight, which leaves that to Push.</summary>
    public bool ProbePushAccess { get; init; } = true;

    /// <summary>Where the engine looks for per-registry CA files.</summary>
    public string DockerCertificatesDirectory { get; init; } = SchemeCheck.DockerCertificatesDirectory;

    /// <summary>What the caller calls its inputs (the CLI's flags, a Cake script's arguments), for the fixes.</summary>
    public StageInputNames Inputs { get; init; } = StageInputNames.Neutral;
}
