using Pipeline.Registry.Http;
using Pipeline.Testing.Registries;

namespace Pipeline.Registry.Tests;

/// <summary>Cross-repository mounts against registry:2 with htpasswd (Basic) auth.</summary>
public class BlobMountTests(HtpasswdRegistryFixture fixture) : IClassFixture<HtpasswdRegistryFixture>
{
    private RegistryServer Server => fixture.Server;

    [Fact]
    public async Task MountAsync_BlobInSourceRepository_LinksItWithoutUploading()
    {
        using var client = Server.CreateClient();
        var blob = BlobContent.FromBytes(TestBlobs.Bytes(10_000, seed: 11));
        await client.Blobs.UploadAsync("mount/base", blob);

        var mounted = await client.Blobs.MountAsync("mount/app", blob.Digest, "mount/base");

        mounted.Should().BeTrue();
        (await client.Blobs.ExistsAsync("mount/app", blob.Digest)).Should().BeTrue();
    }

    [Fact]
    public async Task MountAsync_SourceLacksTheBlob_ReturnsFalseAndStoresNothing()
    {
        using var client = Server.CreateClient();
        await client.Blobs.UploadAsync("mount/other", BlobContent.FromBytes(TestBlobs.Bytes(100, seed: 12)));
        var missing = Digest.ComputeSha256(TestBlobs.Bytes(100, seed: 13));

        var mounted = await client.Blobs.MountAsync("mount/target", missing, "mount/other");

        mounted.Should().BeFalse();
        (await client.Blobs.ExistsAsync("mount/target", missing)).Should().BeFalse();
        UploadSessions("mount/target").Should().BeEmpty("the upload the registry started instead was cancelled");
    }

    [Fact]
    public async Task MountAsync_SameRepository_IsAHead()
    {
        using var client = Server.CreateClient();
        var blob = BlobContent.FromBytes(TestBlobs.Bytes(100, seed: 14));
        await client.Blobs.UploadAsync("mount/same", blob);

        (await client.Blobs.MountAsync("mount/same", blob.Digest, "mount/same")).Should().BeTrue();
        (await client.Blobs.MountAsync("mount/same", Digest.ComputeSha256([1]), "mount/same")).Should().BeFalse();
    }

    // registry:2 keeps a live upload's _uploads/<uuid>/startedat until it is finished or cancelled (the folder stays).
    private string[] UploadSessions(string repository)
    {
        var uploads = Path.Combine(Server.DataDirectory, "docker", "registry", "v2", "repositories", repository, "_uploads");
        return Directory.Exists(uploads) ? [.. Directory.GetDirectories(uploads).Where(upload => File.Exists(Path.Combine(upload, "startedat")))] : [];
    }
}
