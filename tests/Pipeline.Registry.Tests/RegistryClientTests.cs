using Pipeline.Registry.Http;
using Pipeline.Testing.Registries;

namespace Pipeline.Registry.Tests;

public class RegistryClientTests(PlainRegistryFixture fixture) : IClassFixture<PlainRegistryFixture>
{
    private RegistryServer Server => fixture.Server;

    [Fact]
    public async Task PingAsync_LoopbackPlainHttp_FallsBackToHttp()
    {
        using var client = Server.CreateClient();

        var endpoint = await client.PingAsync();

        endpoint.BaseUri.Should().Be(new Uri($"http://{Server.Host}/"));
        endpoint.AuthenticationScheme.Should().BeNull();
    }

    [Fact]
    public async Task FindAsync_SeededImage_ReturnsTheSeededDigest()
    {
        var digest = await Server.SeedImageAsync("client/find", "v1");
        using var client = Server.CreateClient();

        var descriptor = await client.FindAsync(ImageReference.Create(Server.Host, "client/find", "v1"));

        descriptor.Should().NotBeNull();
        descriptor!.Digest.Should().Be(digest);
        descriptor.MediaType.Should().Be(ManifestMediaTypes.DockerManifest);
        descriptor.Size.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task FindAsync_MissingTag_ReturnsNull()
    {
        await Server.SeedImageAsync("client/missing", "v1");
        using var client = Server.CreateClient();

        var descriptor = await client.FindAsync(ImageReference.Create(Server.Host, "client/missing", "nope"));

        descriptor.Should().BeNull();
    }

    [Fact]
    public async Task GetAsync_MissingTag_FailsWithManifestUnknown()
    {
        await Server.SeedImageAsync("client/unknown", "v1");
        using var client = Server.CreateClient();

        var get = () => client.Manifests.GetAsync("client/unknown", "nope");

        var failure = await get.Should().ThrowAsync<RegistryException>();
        failure.Which.Kind.Should().Be(RegistryFailureKind.ManifestUnknown);
        failure.Which.Message.Should().Contain($"{Server.Host}/client/unknown:nope");
    }

    [Fact]
    public async Task ListTagsAsync_PageSizeOne_FollowsLinkPagination()
    {
        foreach (var tag in new[] { "a", "b", "c" })
        {
            await Server.SeedImageAsync("client/tags", tag);
        }

        using var client = Server.CreateClient();

        var tags = await client.Repositories.ListTagsAsync("client/tags", pageSize: 1);

        tags.Should().BeEquivalentTo(["a", "b", "c"]);
    }

    [Fact]
    public async Task ListTagsAsync_UnknownRepository_FailsWithNameUnknown()
    {
        using var client = Server.CreateClient();

        var list = () => client.Repositories.ListTagsAsync("client/never-pushed");

        (await list.Should().ThrowAsync<RegistryException>()).Which.Kind.Should().Be(RegistryFailureKind.NameUnknown);
    }

    [Fact]
    public async Task ListRepositoriesAsync_PageSizeOne_ListsEveryRepository()
    {
        await Server.SeedImageAsync("catalog/one", "v1");
        await Server.SeedImageAsync("catalog/two", "v1");
        using var client = Server.CreateClient();

        var repositories = await client.Repositories.ListRepositoriesAsync(pageSize: 1);

        repositories.Should().Contain(["catalog/one", "catalog/two"]);
        repositories.Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task GetImageConfigurationAsync_SeededLabels_AreReadable()
    {
        var labels = new Dictionary<string, string> { ["org.pipeline.fingerprint"] = "abc123", ["team"] = "orders" };
        await Server.SeedImageAsync("client/labels", "v1", labels);
        using var client = Server.CreateClient();

        var configuration = await client.GetImageConfigurationAsync(ImageReference.Create(Server.Host, "client/labels", "v1"));

        configuration.Labels.Should().BeEquivalentTo(labels);
        configuration.Os.Should().Be("linux");
        configuration.Architecture.Should().Be("amd64");
    }

    [Fact]
    public async Task TagAsync_ExistingImage_AddsTagWithSameDigest()
    {
        var digest = await Server.SeedImageAsync("client/retag", "build-42");
        using var client = Server.CreateClient();

        var descriptor = await client.TagAsync(ImageReference.Create(Server.Host, "client/retag", "build-42"), "v1.0.0");

        descriptor.Digest.Should().Be(digest);
        (await client.FindAsync(ImageReference.Create(Server.Host, "client/retag", "v1.0.0")))!.Digest.Should().Be(digest);
    }

    [Fact]
    public async Task DeleteAsync_ByTag_RemovesTheManifest()
    {
        var digest = await Server.SeedImageAsync("client/delete", "v1");
        await Server.SeedImageAsync("client/delete", "v2");
        using var client = Server.CreateClient();

        var deleted = await client.DeleteAsync(ImageReference.Create(Server.Host, "client/delete", "v1"));

        deleted.Should().Be(digest);
        (await client.FindAsync(ImageReference.Create(Server.Host, "client/delete", "v1"))).Should().BeNull();
        (await client.FindAsync(ImageReference.Create(Server.Host, "client/delete", "v2"))).Should().NotBeNull();
    }

    [Fact]
    public async Task BlobsExistsAsync_AfterSeeding_IsTrueOnlyForPushedBlobs()
    {
        var image = TestImage.Create("blobs", new Dictionary<string, string>());
        using var client = Server.CreateClient();
        await image.PushAsync(client, "client/blobs", "v1");

        (await client.Blobs.ExistsAsync("client/blobs", image.LayerDigest)).Should().BeTrue();
        (await client.Blobs.ExistsAsync("client/blobs", Digest.ComputeSha256([9, 9, 9]))).Should().BeFalse();
        (await client.Blobs.GetAsync("client/blobs", image.ConfigDigest)).ToArray().Should().Equal(image.Config.ToArray());
    }

    [Fact]
    public async Task PushManifest_WithMissingBlobs_FailsNamingBlobUnknown()
    {
        var image = TestImage.Create("orphan");
        using var client = Server.CreateClient();

        var put = () => client.Manifests.PutAsync("client/orphan", "v1", image.Manifest, ManifestMediaTypes.DockerManifest);

        var failure = await put.Should().ThrowAsync<RegistryException>();
        failure.Which.Kind.Should().Be(RegistryFailureKind.BlobUnknown);
    }

    [Fact]
    public async Task AnyOperation_ImageOfAnotherRegistry_IsRejected()
    {
        using var client = Server.CreateClient();

        var find = () => client.FindAsync(ImageReference.Parse("other.example.com/app:v1"));

        await find.Should().ThrowAsync<ArgumentException>().WithMessage("*create a client for other.example.com*");
    }
}
