using Pipeline.Components.Tests.Builds;
using Pipeline.Engine;
using Xunit.Abstractions;

namespace Pipeline.Components.Tests.Support;

/// <summary>
/// A fresh build root for the registry-hosting targets: <c>.pipeline/</c> (so artifacts/ lands here) and an empty
/// HOME (no ~/.kube/config, no docker config). No Docker engine is needed. Dispose deletes the folder.
/// </summary>
internal sealed class HostingWorkspace : IDisposable
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);
    private readonly ITestOutputHelper _testOutput;

    public HostingWorkspace(ITestOutputHelper testOutput)
    {
        _testOutput = testOutput;
        Root = Path.Combine(Path.GetTempPath(), "pipeline-components-hosting", Guid.NewGuid().ToString("N"));
        Home = Path.Combine(Root, "home");
        Directory.CreateDirectory(Path.Combine(Root, ".pipeline"));
        Directory.CreateDirectory(Home);
    }

    public string Root { get; }

    public string Home { get; }

    public string Artifacts => Path.Combine(Root, "artifacts");

    /// <summary>Where DeployRegistry writes.</summary>
    public string RegistryManifestFile => Path.Combine(Artifacts, "k8s", "registry", "registry.yaml");

    /// <summary>Where RegistryMirror writes the mirror's manifests.</summary>
    public string MirrorManifestFile => Path.Combine(Artifacts, "k8s", "registry", "registry-mirror.yaml");

    /// <summary>Where RegistryMirror writes the node files.</summary>
    public string MirrorNodeFiles => Path.Combine(Artifacts, "registry-mirror");

    /// <summary>Runs the build here; secrets travel only in <paramref name="environment"/>.</summary>
    public Task<ChainRun> RunAsync(string[] args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var variables = new Dictionary<string, string>(environment ?? new Dictionary<string, string>(), StringComparer.Ordinal) { ["HOME"] = Home };
        return ChainRun.ExecuteAsync<RegistryHostingBuild>(args, Root, variables, _testOutput, RunTimeout);
    }

    /// <summary>Every file under the root, relative to it: the set-up made only empty folders, so each was written by the build.</summary>
    public IReadOnlyList<string> WrittenFiles() =>
        [.. Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories).Select(file => Path.GetRelativePath(Root, file).Replace('\\', '/')).Order(StringComparer.Ordinal)];

    /// <summary>The text of every file under artifacts/.</summary>
    public IEnumerable<string> ArtifactTexts() =>
        Directory.Exists(Artifacts) ? Directory.EnumerateFiles(Artifacts, "*", SearchOption.AllDirectories).Select(File.ReadAllText) : [];

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
