using Pipeline.Image.Direct;

namespace Pipeline.Image.Tests.Direct;

public class DotNetLayerSplitTests
{
    private const UnixFileMode Folder = (UnixFileMode)0b111_101_101;
    private const UnixFileMode Plain = (UnixFileMode)0b110_100_100;

    private static readonly DateTimeOffset Created = new(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);
    private static readonly string DepsFixture = Path.Combine(AppContext.BaseDirectory, "Direct", "Fixtures", "Shop.Api.deps.json");

    [Fact]
    public void Split_PublishOutputGivesRuntimePackagesAndApplicationLayers()
    {
        var layers = DotNetLayerSplit.Split(PublishCopy(), Created);

        layers.Should().HaveCount(3);
        Files(layers[0]).Should().BeEquivalentTo("/app/System.Private.CoreLib.dll", "/app/libcoreclr.so", "/app/createdump", "/app/Microsoft.AspNetCore.dll");
        Files(layers[1]).Should().BeEquivalentTo("/app/Humanizer.dll", "/app/de/Humanizer.resources.dll");
        Files(layers[2]).Should().BeEquivalentTo("/app/Shop.Api", "/app/Shop.Api.dll", "/app/Shop.Api.deps.json", "/app/appsettings.json", "/app/wwwroot/site.css");
    }

    [Fact]
    public void Split_RuntimeAndPackagesCarryAFixedTimeAndTheApplicationTheCommitTime()
    {
        var layers = DotNetLayerSplit.Split(PublishCopy(), Created);

        layers.Select(layer => layer.Modified).Should().Equal(DotNetLayerSplit.DependencyModified, DotNetLayerSplit.DependencyModified, Created);
    }

    [Fact]
    public async Task Split_NextCommitsLayersWrittenAgain_OnlyTheApplicationLayerChanges()
    {
        using var source = new TemporaryFolder();
        var copy = PublishCopy().Select(file => file.SourcePath is { } path && path != DepsFixture ? file with { SourcePath = source.Write(Path.GetFileName(path), file.ImagePath) } : file).ToList();
        using var output = new TemporaryFolder();
        var writer = new LayerWriter(output.Path);

        var released = await writer.WriteAllAsync(DotNetLayerSplit.Split(copy, Created), CancellationToken.None);
        var nextCommit = await writer.WriteAllAsync(DotNetLayerSplit.Split(copy, Created.AddDays(1)), CancellationToken.None);

        nextCommit.Select(layer => layer.Digest).Take(2).Should().Equal(released.Select(layer => layer.Digest).Take(2), "a new commit time leaves the runtime and packages layers byte for byte");
        nextCommit[2].Digest.Should().NotBe(released[2].Digest, "the application layer carries the commit time");
    }

    [Fact]
    public void Split_LayersTogetherAreTheCopyWithTheSameParentFoldersInEach()
    {
        var copy = PublishCopy();

        var layers = DotNetLayerSplit.Split(copy, Created).Select(layer => layer.Files).ToList();

        layers.SelectMany(layer => layer).Distinct().Should().BeEquivalentTo(copy);
        var app = copy.Single(file => file.ImagePath == "/app");
        layers.Should().AllSatisfy(layer => layer.Should().ContainSingle(file => file.ImagePath == "/app").Which.Should().Be(app));
        layers[1].Should().Contain(copy.Single(file => file.ImagePath == "/app/de"), "the resource's folder goes with it");
        layers[2].Should().Contain(copy.Single(file => file.ImagePath == "/app/empty"), "a folder without files goes with the application");
    }

    [Fact]
    public void Split_WithoutDepsJsonIsOneLayer()
    {
        var copy = PublishCopy().Where(file => !file.ImagePath.EndsWith(".deps.json", StringComparison.Ordinal)).ToList();

        DotNetLayerSplit.Split(copy, Created).Should().ContainSingle().Which.Should().Be(new LayerContent(copy, Created));
    }

    [Fact]
    public void Split_UnreadableDepsJsonNamesTheFile()
    {
        using var folder = new TemporaryFolder();
        var broken = folder.Write("Shop.Api.deps.json", "{ not json");
        List<LayerFile> copy = [new("/app", null, Folder, 0, 0), new("/app/Shop.Api.deps.json", broken, Plain, 0, 0)];

        var split = () => DotNetLayerSplit.Split(copy, Created);

        split.Should().Throw<ImageBuildException>().WithMessage($"*{broken}*dotnet publish*");
    }

    private static IEnumerable<string> Files(LayerContent layer) => layer.Files.Where(file => !file.IsDirectory).Select(file => file.ImagePath);

    private static List<LayerFile> PublishCopy()
    {
        var source = "/nonexistent/";   // the split reads only the deps.json
        return
        [
            new("/app", null, Folder, 0, 0),
            new("/app/de", null, Folder, 0, 0),
            new("/app/empty", null, Folder, 0, 0),
            new("/app/wwwroot", null, Folder, 0, 0),
            new("/app/Shop.Api", source + "Shop.Api", Folder, 0, 0),
            new("/app/Shop.Api.dll", source + "Shop.Api.dll", Plain, 0, 0),
            new("/app/Shop.Api.deps.json", DepsFixture, Plain, 0, 0),
            new("/app/appsettings.json", source + "appsettings.json", Plain, 0, 0),
            new("/app/wwwroot/site.css", source + "site.css", Plain, 0, 0),
            new("/app/System.Private.CoreLib.dll", source + "System.Private.CoreLib.dll", Plain, 0, 0),
            new("/app/libcoreclr.so", source + "libcoreclr.so", Plain, 0, 0),
            new("/app/createdump", source + "createdump", Folder, 0, 0),
            new("/app/Microsoft.AspNetCore.dll", source + "Microsoft.AspNetCore.dll", Plain, 0, 0),
            new("/app/Humanizer.dll", source + "Humanizer.dll", Plain, 0, 0),
            new("/app/de/Humanizer.resources.dll", source + "Humanizer.resources.dll", Plain, 0, 0),
        ];
    }
}
