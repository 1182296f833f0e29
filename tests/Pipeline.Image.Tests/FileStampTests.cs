using Pipeline.Image;

namespace Pipeline.Image.Tests;

public class FileStampTests
{
    [Fact]
    public void Read_IsEqualForAnUntouchedFile()
    {
        using var folder = new TemporaryFolder();
        var file = folder.Write("app.dll", "original");

        var first = FileStamp.Read(file);
        var second = FileStamp.Read(file);

        first.Should().NotBeNull();
        second.Should().Be(first);
        first!.Value.Size.Should().Be(8);
    }

    [Fact]
    public void Read_ChangesWithASameSizeEditThatRestoresTheModificationTime()
    {
        using var folder = new TemporaryFolder();
        var file = folder.Write("app.dll", "original");
        var modified = new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(file, modified);
        var before = FileStamp.Read(file)!.Value;
        Thread.Sleep(20);   // past the file system's clock tick

        File.WriteAllText(file, "replaced");
        File.SetLastWriteTimeUtc(file, modified);

        var after = FileStamp.Read(file)!.Value;
        after.Should().NotBe(before, "the change time moves with every write and cannot be set back");
        after.ModifiedNanoseconds.Should().Be(before.ModifiedNanoseconds);
        after.Size.Should().Be(before.Size);
        after.Inode.Should().Be(before.Inode);
    }

    [Fact]
    public void Read_ChangesWhenAnotherFileIsRenamedOverIt()
    {
        using var folder = new TemporaryFolder();
        var file = folder.Write("app.dll", "original");
        var other = folder.Write("app.dll.new", "replaced");
        File.SetLastWriteTimeUtc(other, File.GetLastWriteTimeUtc(file));
        var before = FileStamp.Read(file);

        File.Move(other, file, overwrite: true);

        FileStamp.Read(file).Should().NotBe(before, "another inode is another file");
    }

    [Fact]
    public void IsSettledAt_IsFalseForAFileWrittenJustNowAndTrueLater()
    {
        using var folder = new TemporaryFolder();
        var written = DateTimeOffset.UtcNow;
        var stamp = FileStamp.Read(folder.Write("app.dll", "original"))!.Value;

        stamp.IsSettledAt(written).Should().BeFalse("a write in the same clock tick would keep this stamp");
        stamp.IsSettledAt(written.AddMilliseconds(50)).Should().BeFalse("file systems take times from a coarse clock");
        stamp.IsSettledAt(DateTimeOffset.UtcNow.AddSeconds(3)).Should().BeTrue();
    }

    [Fact]
    public void Read_IsNullForAMissingFile()
    {
        using var folder = new TemporaryFolder();

        FileStamp.Read(Path.Combine(folder.Path, "missing")).Should().BeNull();
    }
}
