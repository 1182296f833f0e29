using Pipeline.Registry.Http;
using Pipeline.Testing.Registries;

namespace Pipeline.Registry.Tests;

public class BlobFileCacheTests
{
    [Fact]
    public async Task GetOrDownloadAsync_SecondCall_ServesTheFileWithoutAskingTheRegistry()
    {
        await using var registry = await HostileRegistry.StartAsync(new HostileRegistryOptions { StoresBlobs = true });
        using var client = new RegistryClient(registry.Host, registry.Credentials);
        var bytes = TestBlobs.Bytes(300_000, seed: 31);
        var blob = BlobContent.FromBytes(bytes);
        await client.Blobs.UploadAsync("hostile/base", blob);
        using var temp = new TempDirectory();
        var cache = new BlobFileCache(temp.Combine("blobs"));
        var reported = new List<long>();

        var first = await cache.GetOrDownloadAsync(client.Blobs, "hostile/base", blob.Digest, new SynchronousProgress<long>(reported.Add));
        var gets = registry.Requests.Count(request => request.Method == "GET" && request.PathAndQuery.Contains("/blobs/", StringComparison.Ordinal));
        var second = await cache.GetOrDownloadAsync(client.Blobs, "hostile/base", blob.Digest);

        first.Should().Be(temp.Combine("blobs", "sha256", blob.Digest.Hex)).And.Be(second);
        (await File.ReadAllBytesAsync(first)).Should().Equal(bytes);
        reported[^1].Should().Be(bytes.Length);
        gets.Should().Be(1);
        registry.Requests.Count(request => request.Method == "GET" && request.PathAndQuery.Contains("/blobs/", StringComparison.Ordinal)).Should().Be(1, "the second call reads the cache");
        Directory.EnumerateFiles(temp.Path, "*.partial", SearchOption.AllDirectories).Should().BeEmpty();
    }
}
