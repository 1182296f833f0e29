using System.Globalization;
using System.Security.Cryptography;
using Pipeline.Image;
using Pipeline.Testing.Docker;

namespace Pipeline.Packages.Tests.Support;

/// <summary>
/// Our packages packed ONCE per run, with a version of their own, into a temporary folder laid out like this
/// checkout: <c>artifacts/packages/</c> (the feed) beside copies of <c>samples/consumer</c>, <c>samples/cake</c>,
/// <c>samples/Shop</c> and <c>samples/Orders.Api</c> (with the root build files Orders.Api builds with), so the samples' NuGet.config
/// (<c>../../artifacts/packages</c>) works unchanged. The consumer and the Shop have their own build files: the root ones do not reach them.
/// Restores use the machine's global packages folder (the runtime packs for the self-contained publish are already
/// there; a fresh folder would download them each run); the folders of this run's version are removed from it at
/// the end, so the user's cache keeps nothing of ours. Needs the Docker engine: fails, never skips, without it.
/// </summary>
public sealed class PackedFeedFixture : IAsyncLifetime, IDisposable
{
    private static readonly string[] Samples = ["consumer", "cake", "Orders.Api", "Shop"];
    private static readonly string[] RootBuildFiles = ["Directory.Build.props", "Directory.Packages.props", "global.json", ".editorconfig"];
    private readonly DockerEngineFixture _docker = new();

    /// <summary>The unique version of this run's packages.</summary>
    public string Version { get; } = string.Create(CultureInfo.InvariantCulture,
        $"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{RandomNumberGenerator.GetInt32(1000, 10000)}");

    /// <summary>The temporary checkout-like folder.</summary>
    public string Root { get; } = Directory.CreateTempSubdirectory("pipeline-packages-e2e-").FullName;

    /// <summary>The local feed: <c>artifacts/packages</c> under <see cref="Root"/>.</summary>
    public string Feed => Path.Combine(Root, "artifacts", "packages");

    /// <summary>The engine, to check that no local image is left.</summary>
    public IContainerEngine Engine => _docker.Engine;

    /// <summary>The copy of a sample folder under <see cref="Root"/>.</summary>
    public string Sample(string name) => Path.Combine(Root, "samples", name);

    public async Task InitializeAsync()
    {
        await _docker.InitializeAsync();
        var repository = RepositoryRoot.Find();
        foreach (var sample in Samples)
        {
            CopyDirectory(Path.Combine(repository, "samples", sample), Sample(sample));
        }

        foreach (var file in RootBuildFiles)
        {
            File.Copy(Path.Combine(repository, file), Path.Combine(Root, file));
        }

        await PackAsync(repository);
    }

    public Task DisposeAsync()
    {
        _docker.Dispose();
        var globalPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var package in Directory.Exists(Feed) ? Directory.EnumerateFiles(Feed, "*.nupkg") : [])
        {
            var id = Path.GetFileName(package)[..^$".{Version}.nupkg".Length].ToLowerInvariant();
            var idFolder = Path.Combine(globalPackages, id);
            DeleteDirectory(Path.Combine(idFolder, Version.ToLowerInvariant()));
            if (Directory.Exists(idFolder) && !Directory.EnumerateFileSystemEntries(idFolder).Any())
            {
                Directory.Delete(idFolder);
            }
        }

        DeleteDirectory(Root);
        return Task.CompletedTask;
    }

    public void Dispose() => _docker.Dispose();

    /// <summary>
    /// One <c>dotnet pack</c> of a solution file listing every project under src/ (one MSBuild run builds each project
    /// once; one pack per project, as Build.Pack.cs does, rebuilds the shared ones each time), output under the temp folder.
    /// </summary>
    private async Task PackAsync(string repository)
    {
        var projects = Directory.EnumerateFiles(Path.Combine(repository, "src"), "*.csproj", SearchOption.AllDirectories).Order(StringComparer.Ordinal);
        var solution = Path.Combine(Root, "pack", "packages.slnx");
        Directory.CreateDirectory(Path.GetDirectoryName(solution)!);
        await File.WriteAllLinesAsync(solution, ["<Solution>", .. projects.Select(project => $"  <Project Path=\"{project}\" />"), "</Solution>"]);
        var run = await ProcessRun.RunAsync("dotnet",
            ["pack", solution, "--configuration", "Release", "--output", Feed, $"-p:Version={Version}",
                "--artifacts-path", Path.Combine(Root, "pack", "artifacts"), "-nologo", "-tl:off", "-v:q"],
            repository, new Dictionary<string, string?> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" });
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet pack of src/ failed, {run}");
        }
    }

    private static void CopyDirectory(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.Split(Path.DirectorySeparatorChar)[0] is "artifacts" or "tools" or "bin" or "obj")
            {
                continue;
            }

            var destination = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(destination, File.GetUnixFileMode(file));
            }
        }
    }

    private static void DeleteDirectory(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }
}
