namespace Pipeline.Testing.Registries;

/// <summary>Where a <see cref="RegistryServer"/> runs: what a caller-written <c>config.yml</c> must point at.</summary>
/// <param name="ListenAddress">The address to listen on, <c>127.0.0.1:PORT</c>.</param>
/// <param name="DataDirectory">The storage root directory.</param>
/// <param name="Directory">The server's own directory, holding the config and the extra files.</param>
public sealed record RegistryServerPlacement(string ListenAddress, string DataDirectory, string Directory)
{
    /// <summary>The full path of an extra file written beside the config.</summary>
    public string PathOf(string fileName) => Path.Combine(Directory, fileName);
}
