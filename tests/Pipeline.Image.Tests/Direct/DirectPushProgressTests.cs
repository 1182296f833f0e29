using System.Text.Json;
using Pipeline.Image.Direct;
using Pipeline.Registry;
using Pipeline.Testing.Registries;

namespace Pipeline.Image.Tests.Direct;

public class DirectPushProgressTests
{
    private static readonly DateTimeOffset Created = new(2026, 5, 6, 7, 8, 9, TimeSpan.Zero);
    private static readonly string BaseCache = Path.Combine(Path.GetTempPath(), "pipeline-test-cache", "direct-base");

    [Fact]
    public async Task BuildAsync_ReportsEachLayerPushingWithRisingBytesThenPushed()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions());
        using var client = registry.CreateClient();
        using var app = new TemporaryFolder();
        var reports = new List<LayerProgress>();

        var built = await Builder(client, reports).BuildAsync(Request(app, ImageReference.Parse($"{registry.Host}/shop:v1")), CancellationToken.None);

        var layers = await LayersAsync(client, "shop", "v1");
        layers.Should().HaveCountGreaterThan(1, "the offline base and the copied files");
        reports.Select(report => report.LayerId).Distinct().Should().BeEquivalentTo(layers.Keys, "every layer and nothing else (not the config) is reported");
        foreach (var (id, size) in layers)
        {
            var ofLayer = reports.Where(report => report.LayerId == id).ToList();
            ofLayer[0].Status.Should().Be("Preparing");
            ofLayer[^1].Should().Be(new LayerProgress(id, "Pushed", null, null));
            var bytes = ofLayer.Where(report => report.Status == "Pushing").ToList();
            bytes.Should().NotBeEmpty("layer {0} was uploaded", id);
            bytes.Select(report => report.Current!.Value).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
            bytes[^1].Current.Should().Be(size, "the last count is the whole layer {0}", id);
            bytes.Should().AllSatisfy(report => report.Total.Should().Be(size));
        }

        reports.Count(report => report.Status == "Pushing").Should().BeGreaterThan(layers.Count, "the base layer's megabytes arrive in many chunks");
        built.UploadedBlobs.Should().Be(layers.Count + 1, "the layers and the config");
    }

    [Fact]
    public async Task BuildAsync_SecondPushReportsEveryLayerAlreadyExistsWithoutBytes()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions());
        using var client = registry.CreateClient();
        using var app = new TemporaryFolder();
        var request = Request(app, ImageReference.Parse($"{registry.Host}/shop:v1"));
        await Builder(client, []).BuildAsync(request, CancellationToken.None);
        var reports = new List<LayerProgress>();

        await Builder(client, reports).BuildAsync(request, CancellationToken.None);

        var layers = await LayersAsync(client, "shop", "v1");
        reports.Should().NotBeEmpty();
        reports.Should().OnlyContain(report => report.Status == "Preparing" || report.Status == "Layer already exists");
        reports.Should().OnlyContain(report => report.Current == null && report.Total == null, "nothing was uploaded");
        reports.Where(report => report.Status == "Layer already exists").Select(report => report.LayerId).Should().BeEquivalentTo(layers.Keys);
    }

    [Fact]
    public async Task BuildAsync_BaseInAnotherRepositoryReportsMountedFromThere()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions());
        using var client = registry.CreateClient();
        await registry.SeedImageAsync("bases", "one");
        var baseLayer = LayerPushReporter.ShortId(TestImage.Create("bases:one").LayerDigest);
        using var app = new TemporaryFolder();
        var reports = new List<LayerProgress>();

        await Builder(client, reports).BuildAsync(
            Request(app, ImageReference.Parse($"{registry.Host}/shop:v1")) with { BaseImage = BaseImage.FromReference(ImageReference.Parse($"{registry.Host}/bases:one")) },
            CancellationToken.None);

        reports.Where(report => report.LayerId == baseLayer).Select(report => report.Status).Should().Equal("Preparing", "Mounted from bases");
    }

    private static DirectImageBuilder Builder(Registry.Http.RegistryClient client, List<LayerProgress> reports) =>
        new(client, new DirectLocalBase(BaseCache), new CapturingLogger(), progress: new Recorded(reports));

    // Short layer id → compressed size, from the pushed manifest.
    private static async Task<Dictionary<string, long>> LayersAsync(Registry.Http.RegistryClient client, string repository, string tag)
    {
        var manifest = await client.Manifests.GetAsync(repository, tag);
        using var document = JsonDocument.Parse(manifest.Content);
        return document.RootElement.GetProperty("layers").EnumerateArray().ToDictionary(
            layer => LayerPushReporter.ShortId(Digest.Parse(layer.GetProperty("digest").GetString()!)),
            layer => layer.GetProperty("size").GetInt64());
    }

    private static ImageBuildRequest Request(TemporaryFolder app, ImageReference tag)
    {
        var dockerfile = app.Write("Dockerfile", "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nCOPY . /srv\nCMD [\"/bin/cat\", \"/srv/hello.txt\"]\n");
        app.Write("hello.txt", "hello");
        return new ImageBuildRequest { Dockerfile = dockerfile, ContextDirectory = app.Path, Tags = [tag], BaseImage = BaseImage.Local, Created = Created };
    }

    // Reports arrive one at a time (the builder serialises them); a List records them in order.
    private sealed class Recorded(List<LayerProgress> reports) : IProgress<LayerProgress>
    {
        public void Report(LayerProgress value) => reports.Add(value);
    }
}
