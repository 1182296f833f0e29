using Pipeline.Image;

namespace Pipeline.Image.Tests;

public class StampCacheTests
{
    [Fact]
    public async Task SaveAsync_KeepsWhatThisRunUsedOrRemembered()
    {
        using var folder = new TemporaryFolder();
        var first = StampCache.Load(folder.Path, "test.stamps");
        first.Remember("a.dll", "stamp-a", "digest-a");
        first.Remember("b.dll", "stamp-b", "digest-b");
        await first.SaveAsync(CancellationToken.None);

        var second = StampCache.Load(folder.Path, "test.stamps");
        second.Find("a.dll", "stamp-a").Should().Be("digest-a");
        second.Find("b.dll", "other stamp").Should().BeNull("the file changed since");
        await second.SaveAsync(CancellationToken.None);

        var third = StampCache.Load(folder.Path, "test.stamps");
        third.Find("a.dll", "stamp-a").Should().Be("digest-a");
        third.Find("b.dll", "stamp-b").Should().BeNull("an entry the last run did not use is dropped");
    }

    [Fact]
    public async Task Remember_SkipsWhatTheFileFormatCannotHold()
    {
        using var folder = new TemporaryFolder();
        var cache = StampCache.Load(folder.Path, "test.stamps");
        cache.Remember("tab\tname", "stamp", "digest");
        cache.Remember("line\nname", "stamp", "digest");
        cache.Remember("plain", "stamp", "digest");
        await cache.SaveAsync(CancellationToken.None);

        var loaded = StampCache.Load(folder.Path, "test.stamps");
        loaded.Find("plain", "stamp").Should().Be("digest");
        loaded.Find("tab\tname", "stamp").Should().BeNull();
        loaded.Find("line\nname", "stamp").Should().BeNull();
    }

    [Fact]
    public void Load_TreatsAForeignOrMissingFileAsEmpty()
    {
        using var folder = new TemporaryFolder();
        folder.Write("foreign.stamps", "something else\na.dll\tstamp-a\tdigest-a\n");

        StampCache.Load(folder.Path, "foreign.stamps").Find("a.dll", "stamp-a").Should().BeNull();
        StampCache.Load(folder.Path, "missing.stamps").Find("a.dll", "stamp-a").Should().BeNull();
        StampCache.Load(null, "any.stamps").Find("a.dll", "stamp-a").Should().BeNull();
    }

    [Fact]
    public async Task SaveAsync_DeletesCachesUnusedForAMonth()
    {
        using var folder = new TemporaryFolder();
        var old = folder.Write("old.stamps", "pipeline-stamp-cache 1\n");
        File.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddDays(-31));
        var recent = folder.Write("recent.stamps", "pipeline-stamp-cache 1\n");
        File.SetLastWriteTimeUtc(recent, DateTime.UtcNow.AddDays(-29));

        var cache = StampCache.Load(folder.Path, "current.stamps");
        cache.Remember("a.dll", "stamp-a", "digest-a");
        await cache.SaveAsync(CancellationToken.None);

        File.Exists(old).Should().BeFalse();
        File.Exists(recent).Should().BeTrue();
        Directory.GetFiles(folder.Path).Select(Path.GetFileName).Should().BeEquivalentTo("current.stamps", "recent.stamps");
    }
}
