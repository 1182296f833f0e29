using System.Reflection;
using CliWrap;
using Microsoft.Extensions.Logging;

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
    public async Task ProvisionAsync(CancellationToken cancellationToken)
    {
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

            _logger.LogInformation("No Docker engine answers: provisioning one with build/provision.sh docker (bash {Script} docker)", path);
            var result = await Cli.Wrap("bash")
                .WithArguments([path, "docker"])
                .WithStandardOutputPipe(PipeTarget.ToDelegate(line => _logger.LogInformation("provision: {Line}", line)))
                .WithStandardErrorPipe(PipeTarget.ToDelegate(line => _logger.LogWarning("provision: {Line}", line)))
                .WithValidation(CommandResultValidation.None)
                .ExecuteAsync(cancellationToken);
            if (result.ExitCode != 0)
            {
                throw new ContainerEngineUnavailableException(
                    ContainerEngineFailureKind.ProvisioningFailed,
                    DockerEndpoint.DefaultSocket,
                    $"build/provision.sh docker exited with {result.ExitCode}: read its output above, fix the cause and run it again.");
            }
        }
        finally
        {
            File.Delete(path);
        }
    }
}
