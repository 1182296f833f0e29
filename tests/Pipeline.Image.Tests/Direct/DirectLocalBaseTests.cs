using System.Runtime.InteropServices;
using Pipeline.Image.Direct;

namespace Pipeline.Image.Tests.Direct;

public class DirectLocalBaseTests
{
    private static readonly DateTime Modified = new(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    private static readonly string[] Libraries =
    [
        "libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1", "libresolv.so.2",
        "libgcc_s.so.1", "libz.so.1", "libstdc++.so.6",
    ];

    [Fact]
    public async Task ResolveAsync_SecondResolveTakesTheLayerFromTheRecordWithoutTarringTheFilesAgain()
    {
        using var root = HostRoot();
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
        using var root = HostRoot();
        using var cache = new TemporaryFolder();
        var localBase = new DirectLocalBase(cache.Path, root.Path, LaterClock.OneMinute, null);
        var first = await localBase.ResolveAsync(CancellationToken.None);
        Thread.Sleep(20);   // past the file system's clock tick

        var library = root.Write($"lib/{Triplet}/libz.so.1", "libz.so.1 v2");   // the same size and time
        File.SetLastWriteTimeUtc(library, Modified);
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
        using var root = HostRoot();
        using var cache = new TemporaryFolder();

        var resolved = await new DirectLocalBase(cache.Path, root.Path, LaterClock.OneMinute, null).ResolveAsync(CancellationToken.None);

        resolved.Directories.Should().BeEquivalentTo(["/", "/bin", "/etc", "/lib", $"/lib/{Triplet}", "/lib64", "/root", "/tmp", "/usr", "/usr/bin"]);
    }

    private static string Triplet => RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "aarch64-linux-gnu" : "x86_64-linux-gnu";

    private static string Loader => RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "ld-linux-aarch64.so.1" : "ld-linux-x86-64.so.2";

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

    // A machine's files in miniature, below a folder: busybox, the loader and the libraries, each with its own content.
    private static TemporaryFolder HostRoot()
    {
        var root = new TemporaryFolder();
        root.Write("bin/busybox", "busybox v1");
        root.Write($"lib/{Triplet}/{Loader}", "loader");
        foreach (var library in Libraries)
        {
            root.Write($"lib/{Triplet}/{library}", $"{library} v1");
        }

        foreach (var file in Directory.GetFiles(root.Path, "*", SearchOption.AllDirectories))
        {
            File.SetLastWriteTimeUtc(file, Modified);
        }

        return root;
    }
}
