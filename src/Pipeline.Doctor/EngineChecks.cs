using Pipeline.Image;

namespace Pipeline.Doctor;

/// <summary>
/// Engine checks: reachable, version, storage driver, bridge network. Takes the connection as a function so the
/// caller decides how to connect (the build provisions; a plain program may not) and a refusal becomes a row.
/// </summary>
public static class EngineChecks
{
    /// <summary>Check names, as the table and JSON show them.</summary>
    public const string Reachable = "engine reachable";

    /// <inheritdoc cref="Reachable"/>
    public const string Version = "engine version";

    /// <inheritdoc cref="Reachable"/>
    public const string StorageDriver = "storage driver";

    /// <inheritdoc cref="Reachable"/>
    public const string BridgeNetwork = "bridge network";

    /// <summary>The rows when no engine takes part (the direct builder makes the image): each skipped with <paramref name="reason"/>.</summary>
    public static EngineDiagnosis NotNeeded(string reason) =>
        new([.. CheckResult.SkippedAll(reason, Reachable, Version, StorageDriver, BridgeNetwork)], Info: null);

    /// <summary>Connects through <paramref name="connect"/> and asks the engine about itself.</summary>
    public static async Task<EngineDiagnosis> RunAsync(Func<CancellationToken, Task<IContainerEngine>> connect, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connect);
        IContainerEngine engine;
        EngineInfo info;
        try
        {
            engine = await connect(cancellationToken);
            info = await engine.GetInfoAsync(cancellationToken);
        }
        catch (ContainerEngineUnavailableException exception)
        {
            const string notReached = "the engine did not answer";
            return new EngineDiagnosis(
            [
                CheckResult.Failed(Reachable, exception.Message, "start dockerd (as root on Debian: build/provision.sh docker), or set DOCKER_HOST to the engine's socket"),
                .. CheckResult.SkippedAll(notReached, Version, StorageDriver, BridgeNetwork),
            ],
                null);
        }

        return new EngineDiagnosis(
        [
            CheckResult.Ok(Reachable, $"Docker engine at {engine.Endpoint}"),
            CheckResult.Ok(Version, $"Engine {info.Version}, API {info.ApiVersion}"),
            StorageDriverResult(info.StorageDriver),
            info.HasBridgeNetwork
                ? CheckResult.Ok(BridgeNetwork, "bridge network present: build steps use it")
                : CheckResult.Ok(BridgeNetwork, "no bridge network (dockerd --bridge=none): builds use the host network"),
        ],
            info);
    }

    // vfs copies every layer in full: builds work, but slowly and with much disk.
    private static CheckResult StorageDriverResult(string driver) =>
        driver == "vfs"
            ? CheckResult.Warning(StorageDriver, "vfs: every layer is a full copy, so builds are slow and use much disk", "run dockerd with --storage-driver overlay2")
            : CheckResult.Ok(StorageDriver, driver);
}
