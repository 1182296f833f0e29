using System.Reflection;
using CliWrap;
using Microsoft.Extensions.Logging;
using Pipeline.Registry.Local;

namespace Pipeline.Image;

/// <summary>
/// Provisions Docker with the repository's <c>build/provision.sh</c>, embedded in this assembly so a packaged
/// build can run it: extracted to a temporary file and run as <c>bash FILE docker</c>. Only on Debian as root.
/// </summary>
public sealed class ProvisionScript : IEngineProvisioner
{
    /// <summary>The manifest resource name of the embedded script.</summary>
    public const string ResourceName = "Pipeline.Image.provision.sh";

    private readonly ILogger _logger;

    /// <summary>Creates the provisioner; the script's output goes to <paramref name="logger"/>.</summary>
    public ProvisionScript(ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        _logger = logger;
    }

    /// <inheritdoc />
    public bool CanProvision => OperatingSystem.IsLinux() && Environment.IsPrivilegedProcess && File.Exists("/etc/debian_version");

    /// <inheritdoc />
    public Task ProvisionAsync(CancellationToken cancellationToken) => ProvisionAsync("docker", cancellationToken);

    /// <summary>Runs one part of the script: <c>docker</c> (engine and busybox) or <c>registry</c> (docker-registry, htpasswd).</summary>
    /// <param name="component">The script's subcommand.</param>
    /// <param name="cancellationToken">Stops the script.</param>
    public async Task ProvisionAsync(string component, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(component);
        await using var script = typeof(ProvisionScript).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new ContainerEngineUnavailableException(
                ContainerEngineFailureKind.ProvisioningFailed,
                DockerEndpoint.DefaultSocket,
                $"this build of {typeof(ProvisionScript).Assembly.GetName().Name} does not embed build/provision.sh: start dockerd yourself.");

        var path = Path.Combine(Path.GetTempPath(), $"pipeline-provision-{Guid.NewGuid():N}.sh");
        try
        {
            await using (var file = File.Create(path))
            {
                await script.CopyToAsync(file, cancellationToken);
            }

            _logger.LogInformation("Provisioning with build/provision.sh {Component} (bash {Script} {Component})", component, path, component);
            var result = await Cli.Wrap("bash")
                .WithArguments([path, component])
                // dockerd started by the script outlives the build: it gets a minimal environment, no secrets.
                .WithEnvironmentVariables(DaemonEnvironment.Variables(new Dictionary<string, string>
                {
                    ["HOME"] = "/root",
                    ["DEBIAN_FRONTEND"] = "noninteractive",
                }))
                .WithStandardOutputPipe(PipeTarget.ToDelegate(line => _logger.LogInformation("{Line}", line)))
                .WithStandardErrorPipe(PipeTarget.ToDelegate(line => _logger.LogWarning("{Line}", line)))
                .WithValidation(CommandResultValidation.None)
                .ExecuteAsync(cancellationToken);
            if (result.ExitCode != 0)
            {
                throw new ContainerEngineUnavailableException(
                    ContainerEngineFailureKind.ProvisioningFailed,
                    DockerEndpoint.DefaultSocket,
                    $"build/provision.sh {component} exited with {result.ExitCode}: read its output above, fix the cause and run it again.");
            }
        }
        finally
        {
            File.Delete(path);
        }
    }
}
