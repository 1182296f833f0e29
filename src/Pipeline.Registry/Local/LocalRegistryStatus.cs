namespace Pipeline.Registry.Local;

/// <summary>The local registry's state after <see cref="LocalRegistry.EnsureRunningAsync"/>.</summary>
/// <param name="Host">The address to push to.</param>
/// <param name="StartedNow">True when this call started it; false when something already served there.</param>
/// <param name="DataDirectory">Where this call's registry keeps config, storage and log (null when it was already running).</param>
/// <param name="LogPath">The registry's log file (null when it was already running).</param>
public sealed record LocalRegistryStatus(RegistryHost Host, bool StartedNow, string? DataDirectory, string? LogPath);
