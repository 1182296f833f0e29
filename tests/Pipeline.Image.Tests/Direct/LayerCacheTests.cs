using Pipeline.Image.Direct;

namespace Pipeline.Image.Tests.Direct;

/// <summary>Each "build" opens the cache anew, as a new process would; writes are counted through the writer passed in.</summary>
public sealed class LayerCacheTests : IDisposable
{
    private const UnixFileMode Plain = (UnixFileMode)0b110_100_100;
    private static readonly DateTimeOffset Created = new(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);

    private readonly TemporaryFolder _context = new();
    private readonly TemporaryFolder _cache = new();
    private readonly TemporaryFolder _work = new();
    private int _writes;

    [Fact]
    public async Task GetOrWriteAsync_UnchangedFiles_ReturnTheRememberedLayerWithoutWriting()
    {
        var files = Files();
        var first = await BuildAsync(files);

        var second = await BuildAsync(files);

        _writes.Should().Be(1, "the second build writes nothing");
        second.Should().Be(first);
        File.Exists(second.Path).Should().BeTrue("the layer lives in the cache, not in the build's work folder");
        second.Path.Should().StartWith(_cache.Path);
    }

    [Fact]
    public async Task GetOrWriteAsync_SourceRewrittenWithTheSameSizeAndTime_WritesANewLayer()
    {
        var files = Files();
        var first = await BuildAsync(files);
        var source = files[0].SourcePath!;
        var written = File.GetLastWriteTimeUtc(source);
        await File.WriteAllTextAsync(source, "DLL");
        File.SetLastWriteTimeUtc(source, written);   // only the change time tells

        var second = await BuildAsync(files);

        _writes.Should().Be(2);
        second.Digest.Should().NotBe(first.Digest);
        (await BuildAsync(files)).Should().Be(second, "the new layer is remembered");
        _writes.Should().Be(2);
    }

    [Fact]
    public async Task GetOrWriteAsync_OtherModeOwnerPathOrTime_WritesAgain()
    {
        var files = Files();
        await BuildAsync(files);

        await BuildAsync([files[0] with { Mode = Plain | UnixFileMode.UserExecute }, files[1]]);
        await BuildAsync([files[0] with { UserId = 1654 }, files[1]]);
        await BuildAsync([files[0] with { ImagePath = "/srv/z.dll" }, files[1]]);
        await BuildAsync(files, Created.AddSeconds(1));

        _writes.Should().Be(5);
    }

    [Fact]
    public async Task GetOrWriteAsync_FilesWrittenJustBeforeTheBuild_AreNotRemembered()
    {
        var files = Files();
        var now = new StoppedClock(DateTimeOffset.UtcNow);   // the files were written "now": a later write could keep their stamps

        await BuildAsync(files, clock: now);
        await BuildAsync(files, clock: now);

        _writes.Should().Be(2);
    }

    [Fact]
    public async Task GetOrWriteAsync_RememberedLayerFileRemoved_WritesItAgain()
    {
        var files = Files();
        var first = await BuildAsync(files);
        File.Delete(first.Path);

        var second = await BuildAsync(files);

        _writes.Should().Be(2);
        second.Digest.Should().Be(first.Digest);
        File.Exists(second.Path).Should().BeTrue();
    }

    public void Dispose()
    {
        _context.Dispose();
        _cache.Dispose();
        _work.Dispose();
    }

    private async Task<WrittenLayer> BuildAsync(IReadOnlyList<LayerFile> files, DateTimeOffset? created = null, TimeProvider? clock = null)
    {
        var cache = LayerCache.Open(_cache.Path, _context.Path, clock ?? LaterClock.OneMinute);
        var writer = new LayerWriter(_work.Path);
        var layer = await cache.GetOrWriteAsync(files, created ?? Created, () =>
        {
            _writes++;
            return writer.WriteAsync(files, created ?? Created, CancellationToken.None);
        });
        await cache.SaveAsync(CancellationToken.None);
        return layer;
    }

    private List<LayerFile> Files() =>
    [
        new("/app/z.dll", _context.Write("z.dll", "dll"), Plain, 0, 0),
        new("/app/c.txt", _context.Write("c.txt", "c"), Plain, 0, 0),
    ];
}
