namespace Pipeline.Registry.Local;

/// <summary>Where the embedded local registry listens, which binary runs it and where its data lives.</summary>
public sealed record LocalRegistryOptions
{
    /// <summary>The registry address builds push to; must be a loopback host (default <c>localhost:5000</c>).</summary>
    public RegistryHost Host { get; init; } = RegistryHost.LocalDefault;

    /// <summary>The registry binary (Debian's <c>docker-registry</c> package).</summary>
    public string BinaryPath { get; init; } = "/usr/bin/docker-registry";

    /// <summary>
    /// The persistent directory for config, storage and log; by default
    /// <c>$XDG_DATA_HOME/pipeline/registry</c> or <c>~/.local/share/pipeline/registry</c>.
    /// </summary>
    public string? DataDirectory { get; init; }

    /// <summary>The program that detaches the registry and sends its output to a log file (dpkg's start-stop-daemon).</summary>
    public string DaemonLauncherPath { get; init; } = "/usr/sbin/start-stop-daemon";

    /// <summary>How long to wait for <c>/v2/</c> to answer after starting.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(20);
}
