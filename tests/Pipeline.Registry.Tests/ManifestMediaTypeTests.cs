using System.Text.Json;
using Pipeline.Registry.Http;
using Pipeline.Testing.Registries;

namespace Pipeline.Registry.Tests;

/// <summary>Every manifest media type the client pushes round-trips through registry:2 with its type and bytes.</summary>
public class ManifestMediaTypeTests(PlainRegistryFixture fixture) : IClassFixture<PlainRegistryFixture>
{
    private RegistryServer Server => fixture.Server;

    [Fact]
    public async Task PutAsync_EachManifestMediaType_RoundTripsWithItsTypeAndBytes()
    {
        using var client = Server.CreateClient();
        var image = TestImage.Create("media/types");
        await client.Blobs.UploadAsync("media/types", BlobContent.FromBytes(image.Layer));
        await client.Blobs.UploadAsync("media/types", BlobContent.FromBytes(image.Config));
        var oci = Json(new Dictionary<string, object>
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = ManifestMediaTypes.OciManifest,
            ["config"] = Descriptor(ManifestMediaTypes.OciImageConfig, image.Config),
            ["layers"] = new[] { Descriptor(ManifestMediaTypes.OciLayerGzip, image.Layer) },
        });

        await RoundTripAsync(client, "docker", image.Manifest, ManifestMediaTypes.DockerManifest);
        await RoundTripAsync(client, "oci", oci, ManifestMediaTypes.OciManifest);
        await RoundTripAsync(client, "oci-index", Index(ManifestMediaTypes.OciIndex, ManifestMediaTypes.OciManifest, oci), ManifestMediaTypes.OciIndex);
        await RoundTripAsync(client, "docker-list", Index(ManifestMediaTypes.DockerManifestList, ManifestMediaTypes.DockerManifest, image.Manifest), ManifestMediaTypes.DockerManifestList);
    }

    [Fact]
    public async Task PutAsync_DeclaredTypeDiffersFromTheGivenOne_FailsBeforeTheRequest()
    {
        using var client = Server.CreateClient();
        var image = TestImage.Create("media/mismatch");

        var put = () => client.Manifests.PutAsync("media/mismatch", "v1", image.Manifest, ManifestMediaTypes.OciManifest);

        (await put.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain(ManifestMediaTypes.DockerManifest).And.Contain(ManifestMediaTypes.OciManifest);
        (await client.FindAsync(ImageReference.Create(Server.Host, "media/mismatch", "v1"))).Should().BeNull();
    }

    [Fact]
    public async Task PutAsync_NotAManifestMediaType_FailsNamingTheKnownOnes()
    {
        using var client = Server.CreateClient();

        var put = () => client.Manifests.PutAsync("media/unknown", "v1", "{}"u8.ToArray(), "application/json");

        (await put.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain("'application/json'").And.Contain(ManifestMediaTypes.OciIndex);
    }

    private static async Task RoundTripAsync(RegistryClient client, string tag, ReadOnlyMemory<byte> content, string mediaType)
    {
        var pushed = await client.Manifests.PutAsync("media/types", tag, content, mediaType);
        var read = await client.Manifests.GetAsync("media/types", tag);

        pushed.Digest.Should().Be(Digest.ComputeSha256(content.Span));
        read.Descriptor.MediaType.Should().Be(mediaType);
        read.Descriptor.Digest.Should().Be(pushed.Digest);
        read.Content.ToArray().Should().Equal(content.ToArray());
    }

    private static byte[] Index(string indexType, string manifestType, ReadOnlyMemory<byte> manifest) => Json(new Dictionary<string, object>
    {
        ["schemaVersion"] = 2,
        ["mediaType"] = indexType,
        ["manifests"] = new[]
        {
            new Dictionary<string, object>(Descriptor(manifestType, manifest))
            {
                ["platform"] = new Dictionary<string, string> { ["architecture"] = "amd64", ["os"] = "linux" },
            },
        },
    });

    private static Dictionary<string, object> Descriptor(string mediaType, ReadOnlyMemory<byte> content) => new()
    {
        ["mediaType"] = mediaType,
        ["size"] = content.Length,
        ["digest"] = Digest.ComputeSha256(content.Span).ToString(),
    };

    private static byte[] Json(Dictionary<string, object> value) => JsonSerializer.SerializeToUtf8Bytes(value);
}
