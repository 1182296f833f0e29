using Pipeline.Registry.Http;
using Pipeline.Testing.Registries;

namespace Pipeline.Registry.Tests;

/// <summary>Blob transfers against a double that stalls, drops, fails or alters: stall timeout, bounded retries, exact Locations.</summary>
public class BlobTransferFaultTests
{
    [Fact]
    public async Task UploadAsync_RegistryStopsReading_FailsAsTransferStalledAfterItsAttempts()
    {
        await using var registry = await HostileRegistry.StartAsync(new HostileRegistryOptions { StoresBlobs = true, UploadFaults = _ => UploadFault.StopReading });
        using var client = CreateClient(registry, new RegistryClientOptions { StallTimeout = TimeSpan.FromSeconds(1), BlobUploadAttempts = 2, BlobRetryDelay = TimeSpan.Zero });

        var upload = () => client.Blobs.UploadAsync("hostile/app", TestBlobs.Zeros(256L << 20));

        var failure = await upload.Should().ThrowAsync<RegistryException>();
        failure.Which.Kind.Should().Be(RegistryFailureKind.TransferStalled);
        failure.Which.Message.Should().Contain($"upload the blob {registry.Host}/hostile/app@").And.Contain("no byte moved for 1 s")
            .And.Contain("gave up after 2 attempts").And.Contain(RegistryFixes.For(RegistryFailureKind.TransferStalled, registry.Host, Pipeline.Version.StageInputNames.Neutral));
        registry.UploadAttempts.Should().Be(2);
    }

    [Fact]
    public async Task UploadAsync_SlowButMovingLongerThanStallAndRequestTimeouts_Succeeds()
    {
        await using var registry = await HostileRegistry.StartAsync(new HostileRegistryOptions { StoresBlobs = true });
        using var client = CreateClient(registry, new RegistryClientOptions { StallTimeout = TimeSpan.FromMilliseconds(1500), RequestTimeout = TimeSpan.FromMilliseconds(1500), BlobUploadAttempts = 1 });
        // 3 s in all, twice the request timeout; each pause a sixth of the stall timeout, so a loaded machine's
        // late timer does not look like a stall.
        var blob = TestBlobs.Paced(chunks: 12, chunkSize: 4096, pause: TimeSpan.FromMilliseconds(250));

        await client.Blobs.UploadAsync("hostile/app", blob);

        registry.StoredBlobs.Should().Contain(blob.Digest.ToString());
        registry.UploadAttempts.Should().Be(1);
    }

    [Fact]
    public async Task UploadAsync_FirstConnectionDropped_RetriesWithAFreshUploadAndSucceeds()
    {
        await using var registry = await HostileRegistry.StartAsync(new HostileRegistryOptions
        {
            StoresBlobs = true,
            UploadFaults = attempt => attempt == 1 ? UploadFault.DropConnection : UploadFault.None,
        });
        using var client = CreateClient(registry, new RegistryClientOptions { BlobRetryDelay = TimeSpan.Zero });
        var blob = BlobContent.FromBytes(TestBlobs.Bytes(300_000, seed: 4));

        await client.Blobs.UploadAsync("hostile/app", blob);

        registry.StoredBlobs.Should().Contain(blob.Digest.ToString());
        registry.UploadAttempts.Should().Be(2);
        registry.Requests.Count(request => request.Method == "POST").Should().Be(2, "each attempt starts a fresh upload");
        registry.Requests.Should().NotContain(request => request.Method == "PATCH");
    }

    [Fact]
    public async Task UploadAsync_RegistryAlwaysAnswers503_FailsNamingTheAttempts()
    {
        await using var registry = await HostileRegistry.StartAsync(new HostileRegistryOptions { StoresBlobs = true, UploadFaults = _ => UploadFault.ServiceUnavailable });
        using var client = CreateClient(registry, new RegistryClientOptions { BlobUploadAttempts = 3, BlobRetryDelay = TimeSpan.Zero });

        var upload = () => client.Blobs.UploadAsync("hostile/app", BlobContent.FromBytes(TestBlobs.Bytes(1000, seed: 5)));

        var failure = await upload.Should().ThrowAsync<RegistryException>();
        failure.Which.Message.Should().Contain("503").And.Contain("gave up after 3 attempts");
        registry.UploadAttempts.Should().Be(3);
    }

    [Fact]
    public async Task UploadAsync_Denied_IsNotRetried()
    {
        await using var registry = await HostileRegistry.StartAsync(new HostileRegistryOptions { StoresBlobs = true, UploadFaults = _ => UploadFault.Denied });
        using var client = CreateClient(registry, new RegistryClientOptions { BlobUploadAttempts = 3, BlobRetryDelay = TimeSpan.Zero });

        var upload = () => client.Blobs.UploadAsync("hostile/app", BlobContent.FromBytes(TestBlobs.Bytes(1000, seed: 6)));

        var failure = await upload.Should().ThrowAsync<RegistryException>();
        failure.Which.Kind.Should().Be(RegistryFailureKind.Denied);
        failure.Which.Message.Should().NotContain("attempts");
        registry.UploadAttempts.Should().Be(1);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task UploadAsync_RelativeOrAbsoluteLocation_IsFollowedWithItsPortAndEscapedStateIntact(bool absolute)
    {
        await using var registry = await HostileRegistry.StartAsync(new HostileRegistryOptions { StoresBlobs = true, AbsoluteUploadLocation = absolute });
        using var client = CreateClient(registry, new RegistryClientOptions { Scheme = RegistryScheme.Http });
        var blob = BlobContent.FromBytes(TestBlobs.Bytes(2048, seed: 8));

        await client.Blobs.UploadAsync("hostile/app", blob);

        registry.Host.Port.Should().NotBe(80);
        registry.StoredBlobs.Should().Contain(blob.Digest.ToString());
        registry.Requests.Should().ContainSingle(request => request.Method == "PUT")
            .Which.PathAndQuery.Should().Contain(HostileRegistry.UploadState);
    }

    [Fact]
    public async Task DownloadAsync_AlteredBytes_FailsAsInvalidContent()
    {
        await using var registry = await HostileRegistry.StartAsync(new HostileRegistryOptions { StoresBlobs = true, ServesAlteredBlobs = true });
        using var client = CreateClient(registry);
        var blob = BlobContent.FromBytes(TestBlobs.Bytes(200_000, seed: 9));
        await client.Blobs.UploadAsync("hostile/app", blob);

        var download = () => client.Blobs.DownloadAsync("hostile/app", blob.Digest, Stream.Null);

        var failure = await download.Should().ThrowAsync<RegistryException>();
        failure.Which.Kind.Should().Be(RegistryFailureKind.InvalidContent);
        failure.Which.Message.Should().Contain(blob.Digest.ToString()).And.Contain("altered");
    }

    [Fact]
    public async Task DownloadAsync_RegistryStopsSending_FailsAsTransferStalledAndTheCacheKeepsNoFile()
    {
        await using var registry = await HostileRegistry.StartAsync(new HostileRegistryOptions { StoresBlobs = true, StallsBlobDownloads = true });
        using var client = CreateClient(registry, new RegistryClientOptions { StallTimeout = TimeSpan.FromSeconds(1) });
        var blob = BlobContent.FromBytes(TestBlobs.Bytes(400_000, seed: 15));
        await client.Blobs.UploadAsync("hostile/app", blob);
        using var temp = new TempDirectory();
        var cache = new BlobFileCache(temp.Path);

        var download = () => cache.GetOrDownloadAsync(client.Blobs, "hostile/app", blob.Digest);

        var failure = await download.Should().ThrowAsync<RegistryException>();
        failure.Which.Kind.Should().Be(RegistryFailureKind.TransferStalled);
        failure.Which.Message.Should().Contain($"read the blob {registry.Host}/hostile/app@{blob.Digest}").And.Contain("no byte moved for 1 s");
        Directory.EnumerateFiles(temp.Path, "*", SearchOption.AllDirectories).Should().BeEmpty();
    }

    [Fact]
    public async Task BlobFileCache_AlteredDownload_LeavesNoFile()
    {
        await using var registry = await HostileRegistry.StartAsync(new HostileRegistryOptions { StoresBlobs = true, ServesAlteredBlobs = true });
        using var client = CreateClient(registry);
        var blob = BlobContent.FromBytes(TestBlobs.Bytes(50_000, seed: 10));
        await client.Blobs.UploadAsync("hostile/app", blob);
        using var temp = new TempDirectory();
        var cache = new BlobFileCache(temp.Combine("blobs"));

        var download = () => cache.GetOrDownloadAsync(client.Blobs, "hostile/app", blob.Digest);

        (await download.Should().ThrowAsync<RegistryException>()).Which.Kind.Should().Be(RegistryFailureKind.InvalidContent);
        cache.Find(blob.Digest).Should().BeNull();
        Directory.EnumerateFiles(temp.Path, "*", SearchOption.AllDirectories).Should().BeEmpty();
    }

    private static RegistryClient CreateClient(HostileRegistry registry, RegistryClientOptions? options = null) =>
        new(registry.Host, registry.Credentials, options ?? new RegistryClientOptions(), transport: null, TimeProvider.System);
}
