using System.Text;
using System.Text.Json;
using Pipeline.Image.Direct;
using Pipeline.Registry;
using Pipeline.Registry.Http;
using Pipeline.Testing.Registries;

namespace Pipeline.Image.Tests.Direct;

/// <summary>A base in one loopback registry (htpasswd), the image pushed to another.</summary>
public class DirectImageBuilderForeignBaseTests
{
    private static readonly DateTimeOffset Created = new(2026, 5, 6, 7, 8, 9, TimeSpan.Zero);

    [Fact]
    public async Task BuildAsync_BaseInAnotherRegistryIsFetchedIntoTheCacheAndUploadedWithItsDigests()
    {
        await using var bases = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd, Username = "base-reader" });
        await using var target = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });
        await bases.SeedImageAsync("bases", "one");
        var seeded = TestImage.Create("bases:one");
        using var push = target.CreateClient();
        using var cache = new TemporaryFolder();
        using var app = new TemporaryFolder();
        using var transport = new RecordingTransport();

        var built = await Builder(push, cache, transport, bases.Host).BuildAsync(Request(app, bases, target, "shop:v1"), CancellationToken.None);

        (await push.FindAsync(ImageReference.Parse($"{target.Host}/shop:v1")))!.Digest.Should().Be(built.PushedDigest!.Value);
        (await push.Blobs.ExistsAsync("shop", seeded.LayerDigest)).Should().BeTrue("the base's layer was uploaded to the push registry");
        (await LayerDigestsAsync(push, "shop", "v1"))[0].Should().Be(seeded.LayerDigest, "the base's layer keeps its digest");
        var blobs = new BlobFileCache(Path.Combine(cache.Path, "blobs"));
        blobs.Find(seeded.LayerDigest).Should().NotBeNull("the base layer is kept by digest under the cache folder");
        blobs.Find(seeded.ConfigDigest).Should().NotBeNull("and so is its config");
        transport.BlobReads.Should().HaveCount(2, "the config and the one layer, each fetched once");
        var config = await push.GetImageConfigurationAsync(ImageReference.Parse($"{target.Host}/shop:v1"));
        config.Labels[OciLabels.BaseName].Should().Be($"{bases.Host}/bases:one");
    }

    [Fact]
    public async Task BuildAsync_SecondBuildFetchesNothingFromTheBaseRegistry()
    {
        await using var bases = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd, Username = "base-reader" });
        await using var target = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });
        await bases.SeedImageAsync("bases", "one");
        var seeded = TestImage.Create("bases:one");
        using var push = target.CreateClient();
        using var cache = new TemporaryFolder();
        using var app = new TemporaryFolder();
        using var transport = new RecordingTransport();
        var builder = Builder(push, cache, transport, bases.Host);
        await builder.BuildAsync(Request(app, bases, target, "shop:v1"), CancellationToken.None);
        transport.Clear();

        // The push registry has the layer (a HEAD says so); another repository lacks it and gets it from the cache.
        var again = await builder.BuildAsync(Request(app, bases, target, "shop:v2"), CancellationToken.None);
        var elsewhere = await builder.BuildAsync(Request(app, bases, target, "other:v1"), CancellationToken.None);

        transport.BlobReads.Should().BeEmpty("the base's config and layer come from the cache or are in the push registry");
        transport.Requests.Should().OnlyContain(request => request.PathAndQuery.Contains("/manifests/") || request.PathAndQuery == "/v2/",
            "only the base's manifest is asked for again (its tag may have moved)");
        again.UploadedBlobs.Should().Be(0, "the same inputs on the same base give the same blobs");
        (await push.Blobs.ExistsAsync("other", seeded.LayerDigest)).Should().BeTrue("uploaded from the cached file");
        elsewhere.UploadedBlobs.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task BuildAsync_LayerThePushRegistryHasIsNotFetchedEvenWithAnEmptyCache()
    {
        await using var bases = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd, Username = "base-reader" });
        await using var target = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });
        await bases.SeedImageAsync("bases", "one");
        var seeded = TestImage.Create("bases:one");
        using var push = target.CreateClient();
        using var firstCache = new TemporaryFolder();
        using var otherMachine = new TemporaryFolder();
        using var app = new TemporaryFolder();
        using var transport = new RecordingTransport();
        await Builder(push, firstCache, transport, bases.Host).BuildAsync(Request(app, bases, target, "shop:v1"), CancellationToken.None);
        transport.Clear();

        var built = await Builder(push, otherMachine, transport, bases.Host).BuildAsync(Request(app, bases, target, "shop:v2"), CancellationToken.None);

        transport.BlobReads.Select(request => request.PathAndQuery).Should().Equal([$"/v2/bases/blobs/{seeded.ConfigDigest}"], "only the config is read; the layer is in the push registry");
        new BlobFileCache(Path.Combine(otherMachine.Path, "blobs")).Find(seeded.LayerDigest).Should().BeNull();
        built.UploadedBlobs.Should().Be(0);
    }

    [Fact]
    public async Task BuildAsync_WrongBaseRegistryPasswordNamesTheBaseAndTheLoginAndPushesNothing()
    {
        await using var bases = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd, Username = "base-reader" });
        await using var target = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });
        await bases.SeedImageAsync("bases", "one");
        using var push = target.CreateClient();
        using var cache = new TemporaryFolder();
        using var app = new TemporaryFolder();
        using var transport = new RecordingTransport();
        var request = Request(app, bases, target, "shop:v1") with
        {
            BaseImageCredentials = new RegistryCredentials("base-reader", "not-the-password", CredentialSource.Explicit("test")),
        };

        var build = () => Builder(push, cache, transport, bases.Host).BuildAsync(request, CancellationToken.None);

        var thrown = (await build.Should().ThrowAsync<ImageBuildException>()).Which;
        thrown.Kind.Should().Be(ImageBuildFailureKind.BaseImageUnavailable);
        thrown.Message.Should().StartWith($"the base image {bases.Host}/bases:one cannot be read from its registry: the registry {bases.Host} refused user base-reader")
            .And.Contain($"docker login {bases.Host} (its login comes from your docker config or credential helper")
            .And.NotContain("the registry password", "the push registry's password is not what reads the base")
            .And.NotContain("not-the-password");
        (await push.FindAsync(ImageReference.Parse($"{target.Host}/shop:v1"))).Should().BeNull();
        Directory.Exists(Path.Combine(cache.Path, "blobs")).Should().BeFalse("nothing was fetched");
    }

    [Fact]
    public async Task BuildAsync_BaseRegistryWithoutTlsNamesTheBaseAndTheFix()
    {
        await using var bases = await RegistryServer.StartAsync(new RegistryServerOptions());
        await using var target = await RegistryServer.StartAsync(new RegistryServerOptions());
        await bases.SeedImageAsync("bases", "one");
        using var push = target.CreateClient();
        using var cache = new TemporaryFolder();
        using var app = new TemporaryFolder();
        using var transport = new RecordingTransport();
        var builder = new DirectImageBuilder(push, new DirectLocalBase(cache.Path), new CapturingLogger(), connectBaseRegistry: (host, credentials) =>
            new RegistryClient(host, credentials, new RegistryClientOptions { Scheme = RegistryScheme.Https }, transport, TimeProvider.System));

        var build = () => builder.BuildAsync(Request(app, bases, target, "shop:v1"), CancellationToken.None);

        var thrown = (await build.Should().ThrowAsync<ImageBuildException>()).Which;
        thrown.Message.Should().StartWith($"the base image {bases.Host}/bases:one cannot be read from its registry: http: server gave HTTP response to HTTPS client")
            .And.EndWith($"give {bases.Host} TLS (Pipeline reads a base over plain HTTP only on loopback), or set the image builder choice to engine with {bases.Host} in the daemon's insecure-registries.");
        (await push.FindAsync(ImageReference.Parse($"{target.Host}/shop:v1"))).Should().BeNull();
    }

    [Fact]
    public async Task BuildAsync_OnlyTheBaseRegistrysLoginGoesToTheBaseRegistry()
    {
        await using var bases = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd, Username = "base-reader" });
        await using var target = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });
        await bases.SeedImageAsync("bases", "one");
        using var push = target.CreateClient();
        using var cache = new TemporaryFolder();
        using var app = new TemporaryFolder();
        using var transport = new RecordingTransport();

        await Builder(push, cache, transport, bases.Host).BuildAsync(Request(app, bases, target, "shop:v1"), CancellationToken.None);

        var sent = transport.Requests.Select(request => request.Authorization).OfType<string>().Select(Decoded).ToList();
        sent.Should().NotBeEmpty().And.OnlyContain(pair => pair == $"base-reader:{bases.Credentials.Password}");
        sent.Should().NotContain(pair => pair.Contains(target.Credentials.Password!, StringComparison.Ordinal));
    }

    private static string Decoded(string authorization) =>
        authorization.StartsWith("Basic ", StringComparison.Ordinal) ? Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..])) : authorization;

    // The base registry is reached through the recording transport; any other registry would be a bug.
    private static DirectImageBuilder Builder(RegistryClient push, TemporaryFolder cache, RecordingTransport transport, RegistryHost baseRegistry) =>
        new(push, new DirectLocalBase(cache.Path), new CapturingLogger(), connectBaseRegistry: (host, credentials) =>
        {
            host.Should().Be(baseRegistry);
            return new RegistryClient(host, credentials, new RegistryClientOptions(), transport, TimeProvider.System);
        });

    private static async Task<List<Digest>> LayerDigestsAsync(RegistryClient client, string repository, string tag)
    {
        var manifest = await client.Manifests.GetAsync(repository, tag);
        using var document = JsonDocument.Parse(manifest.Content);
        return [.. document.RootElement.GetProperty("layers").EnumerateArray().Select(layer => Digest.Parse(layer.GetProperty("digest").GetString()!))];
    }

    private static ImageBuildRequest Request(TemporaryFolder app, RegistryServer bases, RegistryServer target, string tag)
    {
        var dockerfile = app.Write("Dockerfile", "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nCOPY . /srv\nCMD [\"/bin/cat\", \"/srv/hello.txt\"]\n");
        app.Write("hello.txt", "hello");
        return new ImageBuildRequest
        {
            Dockerfile = dockerfile,
            ContextDirectory = app.Path,
            Tags = [ImageReference.Parse($"{target.Host}/{tag}")],
            BaseImage = BaseImage.FromReference(ImageReference.Parse($"{bases.Host}/bases:one")),
            BaseImageCredentials = bases.Credentials,
            Created = Created,
        };
    }
}
