using System.Formats.Tar;
using System.IO.Compression;
using Pipeline.Image.Direct;
using Pipeline.Registry;

namespace Pipeline.Image.Tests.Direct;

public class LayerWriterTests
{
    private const UnixFileMode Folder = (UnixFileMode)0b111_101_101;
    private const UnixFileMode Plain = (UnixFileMode)0b110_100_100;
    private static readonly DateTimeOffset Created = new(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);

    [Fact]
    public async Task WriteAsync_WritesSortedEntriesWithTheGivenOwnerModeAndTimeOnly()
    {
        using var source = new TemporaryFolder();
        using var output = new TemporaryFolder();
        var layer = await new LayerWriter(output.Path).WriteAsync(Files(source.Path), Created, CancellationToken.None);

        var entries = await ReadAsync(layer.Path);

        entries.Select(entry => entry.Name).Should().Equal("app/", "app/b/", "app/b/c.txt", "app/b-c.txt", "app/z.dll");
        entries.Should().AllSatisfy(entry =>
        {
            entry.ModificationTime.Should().Be(Created);
            entry.UserName.Should().BeEmpty();
            entry.GroupName.Should().BeEmpty();
            entry.Format.Should().Be(TarEntryFormat.Ustar, "no PAX or GNU header carries access or change times");
        });
        var dll = entries.Single(entry => entry.Name == "app/z.dll");
        (dll.Uid, dll.Gid, dll.Mode).Should().Be((1654, 1654, Plain | UnixFileMode.UserExecute));
        dll.Content.Should().Be("dll");
        entries.Single(entry => entry.Name == "app/").EntryType.Should().Be(TarEntryType.Directory);
    }

    [Fact]
    public async Task WriteAsync_DigestsAreTheCompressedAndUncompressedHashes()
    {
        using var source = new TemporaryFolder();
        using var output = new TemporaryFolder();
        var layer = await new LayerWriter(output.Path).WriteAsync(Files(source.Path), Created, CancellationToken.None);

        var compressed = await File.ReadAllBytesAsync(layer.Path);
        using var tar = new MemoryStream();
        await using (var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress))
        {
            await gzip.CopyToAsync(tar);
        }

        layer.Digest.Should().Be(Digest.ComputeSha256(compressed));
        layer.DiffId.Should().Be(Digest.ComputeSha256(tar.ToArray()));
        layer.Size.Should().Be(compressed.Length);
    }

    [Fact]
    public async Task WriteAllAsync_SameFilesInOtherFoldersAtOtherTimesGiveTheSameLayers()
    {
        using var first = new TemporaryFolder();
        using var second = new TemporaryFolder();
        using var output = new TemporaryFolder();
        var firstFiles = Files(first.Path);
        var secondFiles = Files(second.Path);
        File.SetLastWriteTimeUtc(secondFiles.First(file => file.SourcePath is not null).SourcePath!, DateTime.UtcNow.AddDays(-3));
        secondFiles.Reverse();
        var writer = new LayerWriter(output.Path);

        var layers = await writer.WriteAllAsync([new LayerContent(firstFiles, Created), new LayerContent(secondFiles, Created)], CancellationToken.None);

        layers[1].Digest.Should().Be(layers[0].Digest);
        layers[1].DiffId.Should().Be(layers[0].DiffId);
        layers[1].Path.Should().NotBe(layers[0].Path);
    }

    [Fact]
    public async Task WriteAsync_RelativePathIsRefusedAndLeavesNoFile()
    {
        using var output = new TemporaryFolder();

        var write = () => new LayerWriter(output.Path).WriteAsync([new LayerFile("app/x", null, Folder, 0, 0)], Created, CancellationToken.None);

        await write.Should().ThrowAsync<ImageBuildException>().WithMessage("*'app/x'*absolute path*");
        Directory.EnumerateFiles(output.Path).Should().BeEmpty();
    }

    [Fact]
    public async Task WriteAsync_MissingSourceFileNamesItAndLeavesNoFile()
    {
        using var output = new TemporaryFolder();
        var missing = Path.Combine(output.Path, "gone.dll");

        var write = () => new LayerWriter(output.Path).WriteAsync([new LayerFile("/app/gone.dll", missing, Plain, 0, 0)], Created, CancellationToken.None);

        await write.Should().ThrowAsync<ImageBuildException>().WithMessage($"*{missing}*/app/gone.dll*");
        Directory.EnumerateFiles(output.Path).Should().BeEmpty();
    }

    private static List<LayerFile> Files(string folder)
    {
        File.WriteAllText(Path.Combine(folder, "z.dll"), "dll");
        File.WriteAllText(Path.Combine(folder, "c.txt"), "c");
        File.WriteAllText(Path.Combine(folder, "b-c.txt"), "b-c");
        return
        [
            new("/app/z.dll", Path.Combine(folder, "z.dll"), Plain | UnixFileMode.UserExecute, 1654, 1654),
            new("/app/b-c.txt", Path.Combine(folder, "b-c.txt"), Plain, 0, 0),
            new("/app/b/c.txt", Path.Combine(folder, "c.txt"), Plain, 0, 0),
            new("/app/b", null, Folder, 0, 0),
            new("/app", null, Folder, 0, 0),
        ];
    }

    private static async Task<List<(string Name, TarEntryType EntryType, TarEntryFormat Format, int Uid, int Gid, UnixFileMode Mode, DateTimeOffset ModificationTime, string UserName, string GroupName, string? Content)>> ReadAsync(string path)
    {
        var entries = new List<(string, TarEntryType, TarEntryFormat, int, int, UnixFileMode, DateTimeOffset, string, string, string?)>();
        await using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        await using var tar = new TarReader(gzip);
        while (await tar.GetNextEntryAsync() is { } entry)
        {
            string? content = null;
            if (entry.DataStream is { } data)
            {
                using var reader = new StreamReader(data);
                content = await reader.ReadToEndAsync();
            }

            var (user, group) = entry is PosixTarEntry posix ? (posix.UserName, posix.GroupName) : ("?", "?");
            entries.Add((entry.Name, entry.EntryType, entry.Format, entry.Uid, entry.Gid, entry.Mode, entry.ModificationTime, user, group, content));
        }

        return entries;
    }
}
