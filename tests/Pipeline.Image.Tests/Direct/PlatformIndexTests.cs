using System.Buffers.Binary;
using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pipeline.Image.Direct;
using Pipeline.Registry;
using Pipeline.Registry.Http;
using Pipeline.Testing.Registries;
using Pipeline.Version;
using static Pipeline.Image.Tests.Direct.PublishedPlatforms;

namespace Pipeline.Image.Tests.Direct;

/// <summary>
/// Two platforms built by the direct builder onto a base index in the test registry (its arm64 image synthetic: a
/// small layer and a config saying arm64, never run), from the app published for linux-x64 and linux-arm64.
/// </summary>
public sealed class PlatformIndexTests(PublishedPlatforms published) : IClassFixture<PublishedPlatforms>
{
    private const ushort X8664 = 62;
    private const ushort AArch64 = 183;
    private static readonly DateTimeOffset Created = new(2026, 5, 6, 7, 8, 9, TimeSpan.Zero);
    private static readonly string BaseCache = Path.Combine(Path.GetTempPath(), "pipeline-test-cache", "direct-base");
    private static readonly StageInputNames Inputs = StageInputNames.Neutral with { Platforms = "--platforms", BaseImage = "--base-image" };

    [Fact]
    public async Task BuildAsync_TwoPlatforms_PushAnIndexWithTheirTwoManifests()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });
        using var client = registry.CreateClient();
        var tag = ImageReference.Parse($"{registry.Host}/shop:v1");

        var built = await Builder(client).BuildAsync(Request(await PushBaseIndexAsync(client, registry), tag), CancellationToken.None);

        var found = await client.FindAsync(tag);
        found!.Digest.Should().Be(built.PushedDigest!.Value, "the result names what the tag holds");
        found.MediaType.Should().Be(ManifestMediaTypes.DockerManifestList);
        var index = await client.Manifests.GetAsync("shop", "v1");
        Digest.ComputeSha256(index.Content.Span).Should().Be(built.PushedDigest!.Value);
        var entries = JsonNode.Parse(index.Content.Span)!["manifests"]!.AsArray();
        entries.Select(entry => $"{entry!["platform"]!["os"]}/{entry["platform"]!["architecture"]}").Should().Equal("linux/amd64", "linux/arm64");
        entries.Select(entry => Digest.Parse(entry!["digest"]!.GetValue<string>())).Should().Equal(built.PlatformDigests);
        built.Platforms.Should().Equal(Amd64, Arm64);
        foreach (var (platform, machine, position) in new[] { (Amd64, X8664, 0), (Arm64, AArch64, 1) })
        {
            var manifest = await client.Manifests.GetAsync("shop", built.PlatformDigests[position].ToString());
            var config = await client.GetImageConfigurationAsync(ImageReference.Create(registry.Host, "shop", built.PlatformDigests[position]));
            config.Architecture.Should().Be(platform.Architecture);
            config.Os.Should().Be("linux");
            config.Labels[ContextFingerprint.LabelName].Should().Be(built.Fingerprint.Value, "every platform carries the index's fingerprint");
            (await AppHostMachineAsync(client, manifest)).Should().Be(machine, "{0}'s app layer holds the apphost published for {1}", platform, platform.RuntimeIdentifier);
        }
    }

    [Fact]
    public async Task BuildAsync_SameInputsTwice_GiveTheSameIndexAndUploadNothing()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });
        using var client = registry.CreateClient();
        var request = Request(await PushBaseIndexAsync(client, registry), ImageReference.Parse($"{registry.Host}/shop:v1"));

        var first = await Builder(client).BuildAsync(request, CancellationToken.None);
        var second = await Builder(client).BuildAsync(request, CancellationToken.None);

        second.PushedDigest.Should().Be(first.PushedDigest);
        second.PlatformDigests.Should().Equal(first.PlatformDigests);
        second.UploadedBlobs.Should().Be(0, "every blob of both platforms is in the registry");
    }

    [Fact]
    public async Task ImageRelease_UnchangedReleaseIsSkipped_AChangeInOnePlatformRebuilds()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });
        using var client = registry.CreateClient();
        var request = Request(await PushBaseIndexAsync(client, registry), ImageReference.Parse($"{registry.Host}/shop:v1"));
        var release = new ImageRelease(Builder(client), client, new CapturingLogger());
        var changed = Path.Combine(published.Context(Arm64), "changed.txt");

        var first = await release.BuildAsync(new ImageReleaseRequest { Build = request }, CancellationToken.None);
        var unchanged = await release.BuildAsync(new ImageReleaseRequest { Build = request }, CancellationToken.None);
        await File.WriteAllTextAsync(changed, "arm64 only");
        try
        {
            var refused = () => release.BuildAsync(new ImageReleaseRequest { Build = request }, CancellationToken.None);
            (await refused.Should().ThrowAsync<ImageBuildException>()).Which.Kind.Should().Be(ImageBuildFailureKind.ReleaseExists);
            var rebuilt = await release.BuildAsync(new ImageReleaseRequest { Build = request, OverwriteTag = true }, CancellationToken.None);

            first.Built.Should().NotBeNull();
            unchanged.IsUnchanged.Should().BeTrue();
            unchanged.RegistryDigest.Should().Be(first.Built!.PushedDigest);
            rebuilt.Built!.PushedDigest.Should().NotBe(first.Built.PushedDigest!.Value);
            rebuilt.Built.PlatformDigests[1].Should().NotBe(first.Built.PlatformDigests[1], "the arm64 output changed");
            (await client.FindAsync(request.Tags[0]))!.Digest.Should().Be(rebuilt.Built.PushedDigest!.Value);
        }
        finally
        {
            File.Delete(changed);
        }
    }

    [Fact]
    public async Task PrepareAsync_OfflineBaseForAnotherPlatform_FailsNamingPlatformsBeforeAnythingIsPushed()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });
        using var client = registry.CreateClient();
        var tag = ImageReference.Parse($"{registry.Host}/shop:v1");
        var request = Request(baseImage: null, tag) with { BaseImage = BaseImage.Local };
        var other = Platform.Machine == Amd64 ? Arm64 : Amd64;

        var prepare = () => Builder(client).PrepareAsync(request, CancellationToken.None);

        var thrown = (await prepare.Should().ThrowAsync<ImageBuildException>()).Which;
        thrown.Kind.Should().Be(ImageBuildFailureKind.InvalidInput);
        thrown.Message.Should().Be($"--platforms asks for {other}, but the offline local base holds this machine's files ({Platform.Machine}) only: "
            + $"push a multi-platform base (an image index) to {registry.Host} and set --base-image to it.");
        (await client.FindAsync(tag)).Should().BeNull();
        (await client.Blobs.ExistsAsync("shop", Digest.ComputeSha256(await File.ReadAllBytesAsync(Path.Combine(published.Context(Amd64), "App.dll"))))).Should().BeFalse();
    }

    [Fact]
    public async Task PrepareAsync_BaseIndexWithoutThePlatform_FailsNamingTheBaseAndThePlatform()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });
        using var client = registry.CreateClient();
        var baseImage = await PushBaseIndexAsync(client, registry);
        var request = Request(baseImage, ImageReference.Parse($"{registry.Host}/shop:v1")) with
        {
            Platforms = [new PlatformContext(Amd64, published.Context(Amd64)), new PlatformContext(Platform.Parse("linux/arm/v7"), published.Context(Arm64))],
        };

        var prepare = () => Builder(client).PrepareAsync(request, CancellationToken.None);

        (await prepare.Should().ThrowAsync<ImageBuildException>()).Which.Message.Should()
            .StartWith($"the base image {baseImage} has no linux/arm/v7 manifest in its index, and --platforms asks for linux/arm/v7: ");
    }

    private static DirectImageBuilder Builder(RegistryClient client) => new(client, new DirectLocalBase(BaseCache), new CapturingLogger(), inputs: Inputs);

    private ImageBuildRequest Request(ImageReference? baseImage, ImageReference tag) => new()
    {
        Dockerfile = published.Dockerfile,
        ContextDirectory = published.Context(Amd64),
        Platforms = [new PlatformContext(Amd64, published.Context(Amd64)), new PlatformContext(Arm64, published.Context(Arm64))],
        Tags = [tag],
        BaseImage = baseImage is { } named ? BaseImage.FromReference(named) : null,
        Created = Created,
    };

    // An OCI index over an amd64 and an arm64 (v8) image, as multi-platform bases are published.
    private static async Task<ImageReference> PushBaseIndexAsync(RegistryClient client, RegistryServer registry)
    {
        (TestImage Image, string Architecture, string? Variant)[] images = [(TestImage.Create("amd64 base"), "amd64", null), (TestImage.Create("arm64 base", architecture: "arm64"), "arm64", "v8")];
        var manifests = new JsonArray();
        foreach (var (image, architecture, variant) in images)
        {
            await image.PushAsync(client, "base", architecture);
            var platform = new JsonObject { ["architecture"] = architecture, ["os"] = "linux" };
            if (variant is not null)
            {
                platform["variant"] = variant;
            }

            manifests.Add(new JsonObject
            {
                ["mediaType"] = ManifestMediaTypes.DockerManifest, ["size"] = image.Manifest.Length, ["digest"] = image.ManifestDigest.ToString(), ["platform"] = platform,
            });
        }

        var index = JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["schemaVersion"] = 2, ["mediaType"] = ManifestMediaTypes.OciIndex, ["manifests"] = manifests });
        await client.Manifests.PutAsync("base", "multi", index, ManifestMediaTypes.OciIndex);
        return ImageReference.Parse($"{registry.Host}/base:multi");
    }

    // The ELF e_machine of /app/App in the manifest's last layer (the application's own).
    private static async Task<ushort> AppHostMachineAsync(RegistryClient client, RegistryManifest manifest)
    {
        var layers = JsonNode.Parse(manifest.Content.Span)!["layers"]!.AsArray();
        var layer = await client.Blobs.GetAsync("shop", Digest.Parse(layers[^1]!["digest"]!.GetValue<string>()));
        await using var tar = new TarReader(new GZipStream(new MemoryStream(layer.ToArray()), CompressionMode.Decompress));
        while (await tar.GetNextEntryAsync() is { } entry)
        {
            if (entry.Name.TrimStart('/', '.') == "app/App" && entry.DataStream is { } data)
            {
                var header = new byte[20];
                await data.ReadExactlyAsync(header);
                header[..4].Should().Equal([0x7F, (byte)'E', (byte)'L', (byte)'F']);
                return BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(18));
            }
        }

        throw new InvalidOperationException("the application layer holds no /app/App");
    }
}
