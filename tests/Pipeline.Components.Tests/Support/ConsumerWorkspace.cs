using System.Text;
using Pipeline.Engine;
using Pipeline.Registry;
using Pipeline.Testing.Registries;
using Xunit.Abstractions;

namespace Pipeline.Components.Tests.Support;

/// <summary>
/// One consumer's checkout for one test: a fresh folder with <c>.pipeline/</c> (the build root, so artifacts/ lands
/// here), an empty HOME (no docker config, no ~/.kube/config), a unique artifact name, and the registry it ships to.
/// Dispose removes any local image of the artifact a failing build may have left, then the folder.
/// </summary>
internal sealed class ConsumerWorkspace : IAsyncDisposable
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);

    private readonly ChainFixture _chain;
    private readonly ITestOutputHelper _testOutput;

    public ConsumerWorkspace(ChainFixture chain, RegistryServer registry, ITestOutputHelper testOutput)
    {
        _chain = chain;
        _testOutput = testOutput;
        Registry = registry;
        Root = Path.Combine(Path.GetTempPath(), "pipeline-components-e2e", Guid.NewGuid().ToString("N"));
        Home = Path.Combine(Root, "home");
        Directory.CreateDirectory(Path.Combine(Root, ".pipeline"));
        Directory.CreateDirectory(Home);
        Artifact = $"e2e-{Guid.NewGuid().ToString("N")[..8]}";
    }

    public RegistryServer Registry { get; }

    public string Root { get; }

    public string Home { get; }

    /// <summary>The image repository and Kubernetes app name, unique to this test.</summary>
    public string Artifact { get; }

    public string Username => Registry.Credentials.Username!;

    public string Password => Registry.Credentials.Password!;

    /// <summary>Where Render writes: <c>artifacts/k8s/&lt;artifact&gt;.yaml</c> under the build root.</summary>
    public string ManifestFile => Path.Combine(Root, "artifacts", "k8s", $"{Artifact}.yaml");

    /// <summary>Every form of the password a leak could take: plain, base64, and base64 of the Basic-auth pair.</summary>
    public IReadOnlyList<string> PasswordForms =>
    [
        Password,
        Convert.ToBase64String(Encoding.UTF8.GetBytes(Password)),
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{Password}")),
    ];

    public ImageReference ReleaseImage(string release) => ImageReference.Create(Registry.Host, Artifact, $"v{release}");

    /// <summary>
    /// <c>Publish</c> of <paramref name="release"/> to the registry as its user, on the already published sample
    /// (Compile skipped, the publish folder as the context) and the offline local base. The password is never here.
    /// </summary>
    public string[] PublishArguments(string release, params string[] extra) =>
    [
        "Publish", "--skip", "Compile",
        "--registry", Registry.Host.ToString(),
        "--registry-username", Username,
        "--release", release,
        "--artifact", Artifact,
        "--dockerfile", _chain.Sample.Dockerfile,
        "--image-context", _chain.Sample.PublishDirectory,
        "--base-image", "local",
        .. extra,
    ];

    /// <summary>
    /// Runs <typeparamref name="TBuild"/> here; the password travels only in the environment (REGISTRY_PASSWORD), with
    /// <paramref name="environment"/> added (e.g. GitHub's variables).
    /// </summary>
    public async Task<ChainRun> RunAsync<TBuild>(string[] args, string? password = null, IReadOnlyDictionary<string, string>? environment = null)
        where TBuild : PipelineBuild, new()
    {
        var variables = new Dictionary<string, string>(environment ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            ["REGISTRY_PASSWORD"] = password ?? Password,
            ["HOME"] = Home,
        };
        return await ChainRun.ExecuteAsync<TBuild>(args, Root, variables, _testOutput, RunTimeout);
    }

    /// <summary>The local tags of <c>registry/artifact</c> on the engine.</summary>
    public async Task<IReadOnlyList<string>> LocalTagsAsync()
    {
        var prefix = $"{Registry.Host}/{Artifact}:";
        var images = await _chain.Engine.ListImagesAsync(null, all: false, CancellationToken.None);
        return [.. images.SelectMany(image => image.RepoTags ?? []).Where(tag => tag.StartsWith(prefix, StringComparison.Ordinal))];
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var tag in await LocalTagsAsync())
        {
            await _chain.Engine.RemoveImageAsync(tag, pruneUntaggedParents: true, CancellationToken.None);
        }

        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
