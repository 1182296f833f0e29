using Pipeline.Registry.Http;
using Pipeline.Testing.Registries;

namespace Pipeline.Registry.Tests;

/// <summary>Cross-repository mounts against registry:2 with token auth: one token carries pull on the source and push on the target.</summary>
public class BlobMountTokenTests(TokenRegistryFixture fixture) : IClassFixture<TokenRegistryFixture>
{
    private RegistryServer Server => fixture.Server;

    [Fact]
    public async Task MountAsync_TokenAuth_OneTokenForBothRepositoriesReusedForTheNextMount()
    {
        using var client = Server.CreateClient();
        var first = BlobContent.FromBytes(TestBlobs.Bytes(5000, seed: 21));
        var second = BlobContent.FromBytes(TestBlobs.Bytes(5000, seed: 22));
        await client.Blobs.UploadAsync("tmount/base", first);
        await client.Blobs.UploadAsync("tmount/base", second);
        var issuedBefore = Server.TokenIssuer!.IssuedTokens;

        (await client.Blobs.MountAsync("tmount/app", first.Digest, "tmount/base")).Should().BeTrue();
        var issuedForMount = Server.TokenIssuer.IssuedTokens - issuedBefore;
        (await client.Blobs.MountAsync("tmount/app", second.Digest, "tmount/base")).Should().BeTrue();

        issuedForMount.Should().Be(1, "one token grants pull on the source and push on the target");
        Server.TokenIssuer.IssuedTokens.Should().Be(issuedBefore + 1, "the second mount reuses the cached two-repository token");
        (await client.Blobs.ExistsAsync("tmount/app", second.Digest)).Should().BeTrue();
    }

    [Fact]
    public async Task MountAsync_NoPullOnTheSource_ReturnsFalse()
    {
        using var client = Server.CreateClient();
        var blob = BlobContent.FromBytes(TestBlobs.Bytes(5000, seed: 23));
        await client.Blobs.UploadAsync("tmount/secret", blob);
        Server.TokenIssuer!.Close("tmount/secret");

        var mounted = await client.Blobs.MountAsync("tmount/thief", blob.Digest, "tmount/secret");

        mounted.Should().BeFalse();
        (await client.Blobs.ExistsAsync("tmount/thief", blob.Digest)).Should().BeFalse();
    }
}
