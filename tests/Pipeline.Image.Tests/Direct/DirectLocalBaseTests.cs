using Pipeline.Image.Direct;

namespace Pipeline.Image.Tests.Direct;

public class DirectLocalBaseTests
{
    [Fact]
    public async Task ResolveAsync_SecondResolveTakesTheLayerFromTheRecordWithoutTarringTheFilesAgain()
    {
        using var root = MiniatureHostRoot.Create();
        using var cache = new TemporaryFolder();
        var localBase = new DirectLocalBase(cache.Path, root.Path, LaterClock.OneMinute, null);
        var first = await localBase.ResolveAsync(CancellationToken.None);
        var falsified = FalsifyDiffId(cache);

        var second = await localBase.ResolveAsync(CancellationToken.None);

        DiffId(second).Should().Be(falsified, "while the machine files keep their stamps nothing is tarred or hashed again");
        second.Name.Should().Be(first.Name);
        second.Layers.Should().Equal(first.Layers);
        second.Directories.Should().BeEquivalentTo(first.Directories);
    }

    [Fact]
    public async Task ResolveAsync_AChangedMachineFileWritesTheLayerAgain()
    {
        using var root = MiniatureHostRoot.Create();
        using var cache = new TemporaryFolder();
        var localBase = new DirectLocalBase(cache.Path, root.Path, LaterClock.OneMinute, null);
        var first = await localBase.ResolveAsync(CancellationToken.None);
        Thread.Sleep(20);   // past the file system's clock tick

        var library = root.Write($"lib/{MiniatureHostRoot.Triplet}/libz.so.1", "libz.so.1 v2");   // the same size and time
        File.SetLastWriteTimeUtc(library, MiniatureHostRoot.Modified);
        var changed = await localBase.ResolveAsync(CancellationToken.None);

        using var fresh = new TemporaryFolder();
        var uncached = await new DirectLocalBase(fresh.Path, root.Path, LaterClock.OneMinute, null).ResolveAsync(CancellationToken.None);
        changed.Name.Should().NotBe(first.Name);
        changed.Layers[0].Digest.Should().NotBe(first.Layers[0].Digest);
        changed.Name.Should().Be(uncached.Name);
        changed.Layers[0].Digest.Should().Be(uncached.Layers[0].Digest);
        DiffId(changed).Should().Be(DiffId(uncached));
    }

    [Fact]
    public async Task ResolveAsync_KnowsTheFoldersOfTheRootFileSystem()
    {
        using var root = MiniatureHostRoot.Create();
        using var cache = new TemporaryFolder();

        var resolved = await new DirectLocalBase(cache.Path, root.Path, LaterClock.OneMinute, null).ResolveAsync(CancellationToken.None);

        resolved.Directories.Should().BeEquivalentTo(["/", "/bin", "/etc", "/lib", $"/lib/{MiniatureHostRoot.Triplet}", "/lib64", "/root", "/tmp", "/usr", "/usr/bin"]);
    }

    private static string DiffId(DirectBaseImage image) => image.Config["rootfs"]!["diff_ids"]![0]!.GetValue<string>();

    // Replaces the remembered diff-id by another: a resolve that answers it read the record, not the files.
    private static string FalsifyDiffId(TemporaryFolder cache)
    {
        var record = Path.Combine(cache.Path, "local-base-layer.stamps");
        var lines = File.ReadAllLines(record);
        lines.Should().HaveCount(2, "a header and the layer");
        var fields = lines[1].Split('\t');
        var value = fields[2].Split(' ');
        var other = "sha256:" + new string('0', 64);
        value[1] = other;
        File.WriteAllLines(record, [lines[0], $"{fields[0]}\t{fields[1]}\t{string.Join(' ', value)}"]);
        return other;
    }
}
