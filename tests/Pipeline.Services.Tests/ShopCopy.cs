using Pipeline.Engine;
using Pipeline.Testing.Docker;

namespace Pipeline.Services.Tests;

/// <summary>A temporary copy of samples/Shop (without any bin/ or obj/ a local build left), deleted on dispose.</summary>
internal sealed class ShopCopy : IDisposable
{
    private static readonly string Sample = Path.Combine(RepositoryRoot.Find(), "samples", "Shop");

    public ShopCopy()
    {
        Root = AbsolutePath.Create(Directory.CreateTempSubdirectory("pipeline-shop-").FullName);
        SampleSources.CopyWithoutBuildOutput(Sample, Root.Value);
    }

    public AbsolutePath Root { get; }

    public static BuildValues Values { get; } = new() { SdkVersion = "10.0.100" };

    public string PathOf(string relative) => Path.Combine(Root.Value, relative);

    public void Write(string relative, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(PathOf(relative))!);
        File.WriteAllText(PathOf(relative), text);
    }

    public void Append(string relative, string text) => File.AppendAllText(PathOf(relative), text);

    public void Replace(string relative, string oldText, string newText)
    {
        var content = File.ReadAllText(PathOf(relative));
        content.Should().Contain(oldText, "the sample's {0} is what this test edits", relative);
        File.WriteAllText(PathOf(relative), content.Replace(oldText, newText, StringComparison.Ordinal));
    }

    public Task<IReadOnlyList<ServiceSource>> SourcesAsync(BuildValues? values = null) =>
        ServiceSources.ReadAsync(ServiceCatalog.Discover(Root), values ?? Values, CancellationToken.None);

    /// <summary>Each service's fingerprint by artifact name (null when its inputs cannot be told).</summary>
    public async Task<IReadOnlyDictionary<string, ServiceFingerprint?>> FingerprintsAsync(BuildValues? values = null) =>
        (await SourcesAsync(values)).ToDictionary(source => source.Service.Artifact.Value, source => source.Fingerprint);

    public void Dispose() => Directory.Delete(Root.Value, recursive: true);
}
