using Pipeline.Image;

namespace Pipeline.Image.Tests;

public class ContextFingerprintCacheTests
{
    private static readonly Dictionary<string, string> NoArguments = [];
    private static readonly DateTime Modified = new(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    [Fact]
    public async Task ComputeAsync_ReusesDigestsOfUnchangedFiles()
    {
        using var folder = Sample();
        using var cache = new TemporaryFolder();
        var uncached = await FingerprintAsync(folder, cacheFolder: null);
        var first = await FingerprintAsync(folder, cache.Path);

        // What the cache says is what counts while the files keep their stamps: falsify it to see it used.
        Falsify(cache);
        var second = await FingerprintAsync(folder, cache.Path);

        first.Should().Be(uncached);
        second.Should().NotBe(first, "the digests came from the cache, not from reading the files");
    }

    [Fact]
    public async Task ComputeAsync_ChangesWithASameSizeEditAndANewModificationTime()
    {
        using var folder = Sample();
        using var cache = new TemporaryFolder();
        var before = await FingerprintAsync(folder, cache.Path);

        File.WriteAllText(Path.Combine(folder.Path, "app.dll"), "replaced");
        File.SetLastWriteTimeUtc(Path.Combine(folder.Path, "app.dll"), Modified.AddDays(-3));

        var after = await FingerprintAsync(folder, cache.Path);
        after.Should().NotBe(before);
        after.Should().Be(await FingerprintAsync(folder, cacheFolder: null));
    }

    [Fact]
    public async Task ComputeAsync_ChangesWithASameSizeEditThatKeepsTheModificationTime()
    {
        using var folder = Sample();
        using var cache = new TemporaryFolder();
        var before = await FingerprintAsync(folder, cache.Path);
        Thread.Sleep(20);   // past the file system's clock tick

        File.WriteAllText(Path.Combine(folder.Path, "app.dll"), "replaced");
        File.SetLastWriteTimeUtc(Path.Combine(folder.Path, "app.dll"), Modified);

        var after = await FingerprintAsync(folder, cache.Path);
        after.Should().NotBe(before, "the change time moved");
        after.Should().Be(await FingerprintAsync(folder, cacheFolder: null));
    }

    [Fact]
    public async Task ComputeAsync_ChangesWhenAFileIsReplacedByOneOfTheSameSizeAndTime()
    {
        using var folder = Sample();
        using var cache = new TemporaryFolder();
        var before = await FingerprintAsync(folder, cache.Path);
        var replacement = folder.Write("app.dll.new", "replaced");
        File.SetLastWriteTimeUtc(replacement, Modified);

        File.Move(replacement, Path.Combine(folder.Path, "app.dll"), overwrite: true);

        var after = await FingerprintAsync(folder, cache.Path);
        after.Should().NotBe(before);
        after.Should().Be(await FingerprintAsync(folder, cacheFolder: null));
    }

    [Fact]
    public async Task ComputeAsync_DoesNotRememberFilesWrittenJustNow()
    {
        var now = new StoppedClock(DateTimeOffset.UtcNow);
        using var folder = Sample();
        using var cache = new TemporaryFolder();

        // Read in the moment the files were written (however slow the machine): a write in the same tick could keep their stamps.
        await ContextFingerprint.ComputeAsync(await ContextAsync(folder), NoArguments, null, "base:1", cache.Path, now, CancellationToken.None);

        Directory.GetFiles(cache.Path).Select(File.ReadAllText).Should().NotContain(text => text.Contains("app.dll", StringComparison.Ordinal));
    }

    private static TemporaryFolder Sample()
    {
        var folder = new TemporaryFolder();
        folder.Write("Dockerfile", "FROM scratch\nCOPY . /app\n");
        folder.Write("app.dll", "original");
        folder.Write("lib/data.json", "{}");
        foreach (var file in Directory.GetFiles(folder.Path, "*", SearchOption.AllDirectories))
        {
            File.SetLastWriteTimeUtc(file, Modified);
        }

        return folder;
    }

    private static void Falsify(TemporaryFolder cache)
    {
        var file = Directory.GetFiles(cache.Path).Should().ContainSingle().Subject;
        var lines = File.ReadAllLines(file);
        lines.Should().Contain(line => line.StartsWith("app.dll\t", StringComparison.Ordinal));
        File.WriteAllLines(file, lines.Select(line => line.StartsWith("app.dll\t", StringComparison.Ordinal)
            ? line[..(line.LastIndexOf('\t') + 1)] + new string('0', 64)
            : line));
    }

    private static Task<BuildContext> ContextAsync(TemporaryFolder folder) =>
        BuildContext.CreateAsync(folder.Path, Path.Combine(folder.Path, "Dockerfile"), null, CancellationToken.None);

    // A clock a minute ahead: the files count as written well before they are read, so their digests are remembered.
    private static async Task<ContextFingerprint> FingerprintAsync(TemporaryFolder folder, string? cacheFolder) =>
        await ContextFingerprint.ComputeAsync(await ContextAsync(folder), NoArguments, null, "base:1", cacheFolder, LaterClock.OneMinute, CancellationToken.None);
}
