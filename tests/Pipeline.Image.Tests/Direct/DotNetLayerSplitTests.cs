using Pipeline.Image.Direct;

namespace Pipeline.Image.Tests.Direct;

public class DotNetLayerSplitTests
{
    private const UnixFileMode Folder = (UnixFileMode)0b111_101_101;
    private const UnixFileMode Plain = (UnixFileMode)0b110_100_100;

    private static readonly string DepsFixture = Path.Combine(AppContext.BaseDirectory, "Direct", "Fixtures", "Shop.Api.deps.json");

    [Fact]
    public void Split_PublishOutputGivesRuntimePackagesAndApplicationLayers()
    {
        var layers = DotNetLayerSplit.Split(PublishCopy());

        layers.Should().HaveCount(3);
        Files(layers[0]).Should().BeEquivalentTo("/app/System.Private.CoreLib.dll", "/app/libcoreclr.so", "/app/createdump", "/app/Microsoft.AspNetCore.dll");
        Files(layers[1]).Should().BeEquivalentTo("/app/Humanizer.dll", "/app/de/Humanizer.resources.dll");
        Files(layers[2]).Should().BeEquivalentTo("/app/Shop.Api", "/app/Shop.Api.dll", "/app/Shop.Api.deps.json", "/app/appsettings.json", "/app/wwwroot/site.css");
    }

    [Fact]
    public void Split_LayersTogetherAreTheCopyWithTheSameParentFoldersInEach()
    {
        var copy = PublishCopy();

        var layers = DotNetLayerSplit.Split(copy);

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

        DotNetLayerSplit.Split(copy).Should().ContainSingle().Which.Should().BeSameAs(copy);
    }

    [Fact]
    public void Split_UnreadableDepsJsonNamesTheFile()
    {
        using var folder = new TemporaryFolder();
        var broken = folder.Write("Shop.Api.deps.json", "{ not json");
        List<LayerFile> copy = [new("/app", null, Folder, 0, 0), new("/app/Shop.Api.deps.json", broken, Plain, 0, 0)];

        var split = () => DotNetLayerSplit.Split(copy);

        split.Should().Throw<ImageBuildException>().WithMessage($"*{broken}*dotnet publish*");
    }

    private static IEnumerable<string> Files(IReadOnlyList<LayerFile> layer) => layer.Where(file => !file.IsDirectory).Select(file => file.ImagePath);

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
