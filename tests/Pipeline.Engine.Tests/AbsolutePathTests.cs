namespace Pipeline.Engine.Tests;

public sealed class AbsolutePathTests
{
    [Fact]
    public void Divide_CombinesAndNormalises()
    {
        var root = AbsolutePath.Create("/work/repo/");

        ((string)(root / "artifacts" / "../src/x")).Should().Be("/work/repo/src/x");
        (root / "a").Parent.Should().Be(root);
        (root / "a").Name.Should().Be("a");
    }

    [Fact]
    public void Create_RejectsRelativePaths()
    {
        var create = () => AbsolutePath.Create("relative/path");

        create.Should().Throw<ArgumentException>().WithMessage("*'relative/path' is not an absolute path*");
    }

    [Fact]
    public void Exists_SeesFilesAndDirectories()
    {
        var temp = AbsolutePath.Create(Path.GetTempPath());

        temp.Exists.Should().BeTrue();
        (temp / Guid.NewGuid().ToString("N")).Exists.Should().BeFalse();
        AbsolutePath.Create("/").Parent.Should().BeNull();
    }
}
