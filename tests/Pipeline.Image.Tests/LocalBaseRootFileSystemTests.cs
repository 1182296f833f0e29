using System.Formats.Tar;
using System.Text;
using Pipeline.Image;

namespace Pipeline.Image.Tests;

public class LocalBaseRootFileSystemTests
{
    [Fact]
    public async Task WriteRootFileSystemAsync_IsByteForByteReproducible()
    {
        using var first = new MemoryStream();
        using var second = new MemoryStream();

        await LocalBaseImage.WriteRootFileSystemAsync(first, CancellationToken.None);
        await LocalBaseImage.WriteRootFileSystemAsync(second, CancellationToken.None);

        first.ToArray().Should().Equal(second.ToArray());
        // PAX headers carry the process ID in their names: the tag would change with every run.
        Encoding.ASCII.GetString(first.ToArray()).Should().NotContain("PaxHeaders");
    }

    [Fact]
    public async Task WriteRootFileSystemAsync_HoldsBusyboxLoaderLibrariesAndUsers()
    {
        using var rootfs = new MemoryStream();
        await LocalBaseImage.WriteRootFileSystemAsync(rootfs, CancellationToken.None);
        rootfs.Position = 0;

        var entries = new Dictionary<string, TarEntry>();
        await using (var reader = new TarReader(rootfs))
        {
            while (await reader.GetNextEntryAsync(copyData: true) is { } entry)
            {
                entries[entry.Name] = entry;
            }
        }

        entries["bin/busybox"].EntryType.Should().Be(TarEntryType.RegularFile);
        entries["bin/sh"].LinkName.Should().Be("busybox");
        entries["lib64/ld-linux-x86-64.so.2"].EntryType.Should().Be(TarEntryType.SymbolicLink);
        entries["tmp/"].Mode.Should().HaveFlag(UnixFileMode.StickyBit);
        foreach (var library in new[] { "libc.so.6", "libstdc++.so.6", "libz.so.1", "libgcc_s.so.1", "ld-linux-x86-64.so.2" })
        {
            var entry = entries[$"lib/x86_64-linux-gnu/{library}"];
            entry.EntryType.Should().Be(TarEntryType.RegularFile, "{0} is stored as its real file, not a link", library);
            entry.Length.Should().BeGreaterThan(1000);
        }

        using var passwd = new StreamReader(entries["etc/passwd"].DataStream!);
        (await passwd.ReadToEndAsync()).Should().StartWith("root:x:0:0:").And.Contain("app:x:1654:1654:");
    }
}
