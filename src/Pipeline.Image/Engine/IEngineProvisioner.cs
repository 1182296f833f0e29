namespace Pipeline.Image;

/// <summary>Sets up a container engine on this machine when none answers.</summary>
public interface IEngineProvisioner
{
    /// <summary>True when this machine can be provisioned (e.g. root on Debian).</summary>
    bool CanProvision { get; }

    /// <summary>Installs and starts the engine; throws <see cref="ContainerEngineUnavailableException"/> when that fails.</summary>
    Task ProvisionAsync(CancellationToken cancellationToken);
}
