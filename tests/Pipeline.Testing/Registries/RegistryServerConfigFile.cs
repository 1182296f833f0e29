namespace Pipeline.Testing.Registries;

/// <summary>
/// A <c>config.yml</c> for <see cref="RegistryServer.StartFromConfigAsync"/>, written by the caller once the server
/// has chosen its port and directories, with the files the config refers to and the process's environment.
/// </summary>
/// <param name="ConfigYaml">Writes the config for the given address and directories.</param>
public sealed record RegistryServerConfigFile(Func<RegistryServerPlacement, string> ConfigYaml)
{
    /// <summary>Files written (mode 0600) beside the config, by file name; refer to them with <see cref="RegistryServerPlacement.PathOf"/>.</summary>
    public IReadOnlyDictionary<string, byte[]> ExtraFiles { get; init; } = new Dictionary<string, byte[]>(StringComparer.Ordinal);

    /// <summary>Environment variables of the registry process (the registry reads <c>REGISTRY_*</c> over its config).</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>(StringComparer.Ordinal);
}
