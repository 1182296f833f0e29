using Docker.DotNet;
using Pipeline.Image;

namespace Pipeline.Image.Tests;

public class LocalBaseTagTests
{
    [Fact]
    public async Task TagAsync_IsRememberedUntilAMachineFileChanges()
    {
        using var root = MiniatureHostRoot.Create();
        using var cache = new TemporaryFolder();
        using var engine = UnusedEngine();
        var uncached = await new LocalBaseImage(engine, new CapturingLogger(), root.Path, null, LaterClock.OneMinute).TagAsync(CancellationToken.None);
        var localBase = new LocalBaseImage(engine, new CapturingLogger(), root.Path, cache.Path, LaterClock.OneMinute);

        var first = await localBase.TagAsync(CancellationToken.None);
        var falsified = Falsify(cache);
        var remembered = await localBase.TagAsync(CancellationToken.None);
        root.Write($"lib/{MiniatureHostRoot.Triplet}/libz.so.1", "libz.so.1 v2");   // the same size
        File.SetLastWriteTimeUtc(Path.Combine(root.Path, $"lib/{MiniatureHostRoot.Triplet}/libz.so.1"), MiniatureHostRoot.Modified.AddDays(1));
        var changed = await localBase.TagAsync(CancellationToken.None);

        first.Should().Be(uncached);
        remembered.Tag.Should().Be(falsified, "while the files keep their stamps the tag comes from the cache");
        changed.Should().NotBe(first);
        changed.Should().Be(await new LocalBaseImage(engine, new CapturingLogger(), root.Path, null, LaterClock.OneMinute).TagAsync(CancellationToken.None));
    }

    [Fact]
    public async Task TagAsync_ChangesWhenAMachineFileIsEditedKeepingItsSizeAndTime()
    {
        using var root = MiniatureHostRoot.Create();
        using var cache = new TemporaryFolder();
        using var engine = UnusedEngine();
        var localBase = new LocalBaseImage(engine, new CapturingLogger(), root.Path, cache.Path, LaterClock.OneMinute);
        var first = await localBase.TagAsync(CancellationToken.None);
        Thread.Sleep(20);   // past the file system's clock tick

        var busybox = root.Write("bin/busybox", "busybox v2");
        File.SetLastWriteTimeUtc(busybox, MiniatureHostRoot.Modified);

        (await localBase.TagAsync(CancellationToken.None)).Should().NotBe(first);
    }

    [Fact]
    public async Task TagAsync_NamesAMissingMachineFile()
    {
        using var root = MiniatureHostRoot.Create();
        using var engine = UnusedEngine();
        File.Delete(Path.Combine(root.Path, $"lib/{MiniatureHostRoot.Triplet}/libstdc++.so.6"));

        var act = () => new LocalBaseImage(engine, new CapturingLogger(), root.Path, null, LaterClock.OneMinute).TagAsync(CancellationToken.None);

        (await act.Should().ThrowAsync<ImageBuildException>()).Which.Message.Should().Contain("libstdc++.so.6").And.Contain("build/provision.sh base");
    }

    private static string Falsify(TemporaryFolder cache)
    {
        var file = Directory.GetFiles(cache.Path).Should().ContainSingle().Subject;
        var lines = File.ReadAllLines(file);
        lines.Should().HaveCount(2, "a header and the tag");
        const string other = "0123456789abcdef";
        File.WriteAllLines(file, [lines[0], lines[1][..(lines[1].LastIndexOf('\t') + 1)] + other]);
        return other;
    }

    // TagAsync does not talk to the engine: a client for a socket nobody listens on proves it.
    private static DockerEngine UnusedEngine() =>
        new(new DockerClientBuilder().WithEndpoint(new Uri("unix:///nonexistent/docker.sock")).Build(), disposeClient: true);
}
