using System.Diagnostics;
using System.Globalization;

namespace Pipeline.Testing.Registries;

/// <summary>
/// Test registries outlive a test host that is killed before it disposes them. Each server records its owner's
/// pid and its own pid in an <c>owner</c> file; the next start removes servers whose owner is gone, matching the
/// process by pid and by the config path on its command line so nothing else is touched.
/// </summary>
internal static class OrphanedRegistrySweep
{
    public const string DirectoryPrefix = "pipeline-registry-";
    private const string OwnerFile = "owner";

    public static void Record(string rootDirectory, int registryProcessId) =>
        File.WriteAllText(
            Path.Combine(rootDirectory, OwnerFile),
            string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId}\n{registryProcessId}\n"));

    public static void Run()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        foreach (var directory in Directory.EnumerateDirectories(Path.GetTempPath(), DirectoryPrefix + "*"))
        {
            var ownerFile = Path.Combine(directory, OwnerFile);
            if (!File.Exists(ownerFile))
            {
                continue;
            }

            var pids = File.ReadAllLines(ownerFile);
            if (pids.Length < 2
                || !int.TryParse(pids[0], CultureInfo.InvariantCulture, out var owner)
                || !int.TryParse(pids[1], CultureInfo.InvariantCulture, out var registry)
                || IsAlive(owner))
            {
                continue;
            }

            KillIfServing(registry, Path.Combine(directory, "config.yml"));
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // Another sweep got there first.
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours to delete.
            }
        }
    }

    private static bool IsAlive(int processId) => Directory.Exists($"/proc/{processId}");

    private static void KillIfServing(int processId, string configPath)
    {
        try
        {
            var commandLine = File.ReadAllText($"/proc/{processId}/cmdline").Replace('\0', ' ');
            if (!commandLine.Contains(configPath, StringComparison.Ordinal))
            {
                return;
            }

            using var process = Process.GetProcessById(processId);
            process.Kill();
        }
        catch (Exception exception) when (exception is IOException or ArgumentException or InvalidOperationException or UnauthorizedAccessException)
        {
            // Gone already, or not a registry of ours.
        }
    }
}
