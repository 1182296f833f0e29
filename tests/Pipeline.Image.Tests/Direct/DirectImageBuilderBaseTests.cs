using System.Text.Json;
using Pipeline.Image.Direct;
using Pipeline.Registry;
using Pipeline.Registry.Http;
using Pipeline.Testing.Registries;

namespace Pipeline.Image.Tests.Direct;

public class DirectImageBuilderBaseTests
{
    private static readonly DateTimeOffset Created = new(2026, 5, 6, 7, 8, 9, TimeSpan.Zero);
    private static readonly string BaseCache = Path.Combine(Path.GetTempPath(), "pipeline-test-cache", "direct-base");

    [Fact]
    public async Task BuildAsync_BaseInTheTargetRepositoryIsReusedNotUploaded()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });
        using var client = registry.CreateClient();
        await registry.SeedImageAsync("shop", "base");
        var baseImage = ImageReference.Parse($"{registry.Host}/shop:base");
        var baseManifest = await client.Manifests.GetAsync("shop", "base");
        using var app = new TemporaryFolder();

        var built = await Builder(client).BuildAsync(Request(app, baseImage, ImageReference.Parse($"{registry.Host}/shop:v1")), CancellationToken.None);

        built.ReusedBlobs.Should().Be(1, "the base's layer is in the repository");
        built.UploadedBlobs.Should().Be(2, "the new layer and the config");
        var manifest = await client.Manifests.GetAsync("shop", "v1");
        using var ours = JsonDocument.Parse(manifest.Content);
        using var theirs = JsonDocument.Parse(baseManifest.Content);
        ours.RootElement.GetProperty("layers")[0].GetProperty("digest").GetString()
            .Should().Be(theirs.RootElement.GetProperty("layers")[0].GetProperty("digest").GetString());
        ours.RootElement.GetProperty("layers").GetArrayLength().Should().Be(2);
        var config = await client.GetImageConfigurationAsync(ImageReference.Parse($"{registry.Host}/shop:v1"));
        config.Labels[OciLabels.BaseName].Should().Be(baseImage.ToString());
        config.Architecture.Should().Be("amd64");
    }

    [Fact]
    public async Task BuildAsync_BaseInAnotherRepositoryIsMountedNotUploaded()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });
        using var client = registry.CreateClient();
        await registry.SeedImageAsync("bases", "one");
        var baseLayer = TestImage.Create("bases:one").LayerDigest;
        using var app = new TemporaryFolder();
        var logger = new CapturingLogger();

        var built = await new DirectImageBuilder(client, new DirectLocalBase(BaseCache), logger).BuildAsync(
            Request(app, ImageReference.Parse($"{registry.Host}/bases:one"), ImageReference.Parse($"{registry.Host}/shop:v1")), CancellationToken.None);

        built.ReusedBlobs.Should().Be(1, "the base's layer is mounted from bases");
        built.UploadedBlobs.Should().Be(2, "the new layer and the config");
        logger.Text.Should().Contain($"Mounted {baseLayer} from bases into shop");
        (await client.Blobs.ExistsAsync("shop", baseLayer)).Should().BeTrue();
        (await client.FindAsync(ImageReference.Parse($"{registry.Host}/shop:v1")))!.Digest.Should().Be(built.PushedDigest!.Value);
    }

    [Fact]
    public async Task BuildAsync_BaseRegistryUnreachableNamesTheBaseAndPushesNothing()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });
        using var client = registry.CreateClient();
        using var app = new TemporaryFolder();

        var build = () => Builder(client).BuildAsync(
            Request(app, ImageReference.Parse("127.0.0.2:1/base:1"), ImageReference.Parse($"{registry.Host}/shop:v1")), CancellationToken.None);

        var thrown = (await build.Should().ThrowAsync<ImageBuildException>()).Which;
        thrown.Message.Should().StartWith("the base image 127.0.0.2:1/base:1 cannot be read from its registry: cannot reach the registry 127.0.0.2:1")
            .And.EndWith("start the registry 127.0.0.2:1, or correct the base image.");
        (await client.FindAsync(ImageReference.Parse($"{registry.Host}/shop:v1"))).Should().BeNull();
    }

    [Fact]
    public async Task BuildAsync_RegistryDownFailsAndLeavesNoLayerFiles()
    {
        var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });
        using var client = registry.CreateClient();
        var tag = ImageReference.Parse($"{registry.Host}/shop:v1");
        await registry.DisposeAsync();
        using var app = new TemporaryFolder();
        using var work = new TemporaryFolder();

        var build = () => Builder(client, work.Path).BuildAsync(Request(app, null, tag), CancellationToken.None);

        await build.Should().ThrowAsync<RegistryException>();
        Directory.EnumerateFileSystemEntries(work.Path).Should().BeEmpty();
    }

    private static DirectImageBuilder Builder(RegistryClient client, string? work = null) =>
        new(client, new DirectLocalBase(BaseCache), new CapturingLogger(), work);

    private static ImageBuildRequest Request(TemporaryFolder app, ImageReference? baseImage, ImageReference tag)
    {
        var dockerfile = app.Write("Dockerfile", "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nCOPY . /srv\nCMD [\"/bin/cat\", \"/srv/hello.txt\"]\n");
        app.Write("hello.txt", "hello");
        return new ImageBuildRequest
        {
            Dockerfile = dockerfile,
            ContextDirectory = app.Path,
            Tags = [tag],
            BaseImage = baseImage is { } named ? BaseImage.FromReference(named) : BaseImage.Local,
            Created = Created,
        };
    }
}
