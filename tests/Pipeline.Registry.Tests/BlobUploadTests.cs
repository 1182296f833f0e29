using Pipeline.Registry.Http;
using Pipeline.Testing.Registries;

namespace Pipeline.Registry.Tests;

/// <summary>Streamed blob uploads against a real registry:2 on a loopback port (never 80/443).</summary>
public class BlobUploadTests(PlainRegistryFixture fixture) : IClassFixture<PlainRegistryFixture>
{
    private RegistryServer Server => fixture.Server;

    [Fact]
    public async Task UploadAsync_FileBlob_IsStoredWithItsDigestAndReportsEveryByte()
    {
        using var temp = new TempDirectory();
        var blob = TestBlobs.File(temp.Combine("layer.tar.gz"), (8 << 20) + 123, seed: 1);
        using var client = Server.CreateClient();
        var reported = new List<long>();

        await client.Blobs.UploadAsync("upload/file", blob, new SynchronousProgress<long>(reported.Add));

        (await client.Blobs.ExistsAsync("upload/file", blob.Digest)).Should().BeTrue();
        reported.Should().NotBeEmpty().And.BeInAscendingOrder();
        reported[^1].Should().Be(blob.Length);
        using var downloaded = new MemoryStream();
        await client.Blobs.DownloadAsync("upload/file", blob.Digest, downloaded);
        downloaded.ToArray().Should().Equal(await File.ReadAllBytesAsync(temp.Combine("layer.tar.gz")));
    }

    [Fact]
    public async Task UploadAsync_BlobAlreadyThere_SendsNothing()
    {
        var blob = BlobContent.FromBytes(TestBlobs.Bytes(4096, seed: 2));
        using var client = Server.CreateClient();
        await client.Blobs.UploadAsync("upload/again", blob);
        var opened = 0;
        var counting = new BlobContent(blob.Digest, blob.Length, async ct =>
        {
            opened++;
            return await blob.Open(ct);
        });
        var reported = new List<long>();

        await client.Blobs.UploadAsync("upload/again", counting, new SynchronousProgress<long>(reported.Add));

        opened.Should().Be(0, "the HEAD found the blob");
        reported.Should().BeEmpty();
    }

    [Fact]
    public async Task UploadAsync_InMemoryBytesWithWrongDigest_FailsBeforeAnyRequest()
    {
        byte[] bytes = [1, 2, 3];
        using var client = Server.CreateClient();

        var upload = () => client.Blobs.UploadAsync("upload/wrong", Digest.ComputeSha256([9]), bytes);

        (await upload.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain(Digest.ComputeSha256(bytes).ToString());
        (await client.Blobs.ExistsAsync("upload/wrong", Digest.ComputeSha256(bytes))).Should().BeFalse();
    }

    [Fact]
    public async Task UploadAsync_FileChangedAfterMeasuring_FailsOnceNamingTheSourceNotTheNetwork()
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("layer");
        var blob = TestBlobs.File(path, 100_000, seed: 3);
        await File.AppendAllTextAsync(path, "more");
        using var client = Server.CreateClient();

        var upload = () => client.Blobs.UploadAsync("upload/changed", blob);

        (await upload.Should().ThrowAsync<BlobSourceChangedException>()).Which.Message.Should().Contain(blob.Digest.ToString());
        (await client.Blobs.ExistsAsync("upload/changed", blob.Digest)).Should().BeFalse();
    }

    [Fact]
    public void FromFile_MissingFile_NamesTheFile()
    {
        var create = () => BlobContent.FromFile("/nonexistent/layer.tar.gz", Digest.ComputeSha256([1]));

        create.Should().Throw<FileNotFoundException>().WithMessage("*/nonexistent/layer.tar.gz*");
    }

    [Fact]
    public async Task FromBytes_ComputesTheDigestAndOpensEachTimeFromTheStart()
    {
        byte[] bytes = [1, 2, 3, 4];
        var blob = BlobContent.FromBytes(bytes);

        blob.Digest.Should().Be(Digest.ComputeSha256(bytes));
        blob.Length.Should().Be(4);
        for (var i = 0; i < 2; i++)
        {
            await using var stream = await blob.Open(CancellationToken.None);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            copy.ToArray().Should().Equal(bytes);
        }
    }
}
