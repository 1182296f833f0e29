using Pipeline.Image;

namespace Pipeline.Image.Tests;

public class DockerIgnoreTests
{
    // Each row: .dockerignore lines ('|' separated), a path, whether Docker leaves it out of the context.
    [Theory]
    [InlineData("*.md", "README.md", true)]
    [InlineData("*.md", "docs/guide.md", false)]
    [InlineData("**/*.md", "docs/guide.md", true)]
    [InlineData("**/*.md", "README.md", true)]
    [InlineData("docs", "docs/deep/guide.md", true)]
    [InlineData("docs/", "docs/guide.md", true)]
    [InlineData("/docs", "docs/guide.md", true)]
    [InlineData("./docs/../docs", "docs/guide.md", true)]
    [InlineData("docs/**", "docs/deep/guide.md", true)]
    [InlineData("docs/**", "docs", false)]
    [InlineData("**", "anything/at/all", true)]
    [InlineData("**/bin", "src/app/bin/app.dll", true)]
    [InlineData("**/bin", "bin/app.dll", true)]
    [InlineData("bin", "src/bin/app.dll", false)]
    [InlineData("a/**/b", "a/b", true)]
    [InlineData("a/**/b", "a/x/y/b", true)]
    [InlineData("a/*/b", "a/x/y/b", false)]
    [InlineData("?.txt", "a.txt", true)]
    [InlineData("?.txt", "ab.txt", false)]
    [InlineData("file[0-9].txt", "file7.txt", true)]
    [InlineData("file[0-9].txt", "filex.txt", false)]
    [InlineData("file[^0-9].txt", "filex.txt", true)]
    [InlineData(@"\*.txt", "*.txt", true)]
    [InlineData(@"\*.txt", "a.txt", false)]
    [InlineData("a.b", "axb", false)]
    [InlineData("a+b(c)", "a+b(c)", true)]
    [InlineData("*.log|!keep.log", "keep.log", false)]
    [InlineData("*.log|!keep.log", "drop.log", true)]
    [InlineData("!keep.log|*.log", "keep.log", true)]
    [InlineData("docs|!docs/keep.md", "docs/keep.md", false)]
    [InlineData("docs|!docs/keep.md", "docs/drop.md", true)]
    [InlineData("**|!src|src/**/*.tmp", "src/a/b.tmp", true)]
    [InlineData("**|!src|src/**/*.tmp", "src/a/b.cs", false)]
    [InlineData("# comment|  *.tmp  ", "x.tmp", true)]
    [InlineData("# *.tmp", "x.tmp", false)]
    [InlineData(" # not a comment", " # not a comment", false)]
    [InlineData("", "anything", false)]
    public void IsExcluded_FollowsDockerSemantics(string lines, string path, bool excluded)
    {
        var ignore = DockerIgnore.Parse(lines.Replace('|', '\n'));

        ignore.IsExcluded(path).Should().Be(excluded, $"'{path}' against [{string.Join(", ", ignore.Patterns)}]");
    }

    [Fact]
    public void Parse_HandlesCrLfAndByteOrderMark()
    {
        var ignore = DockerIgnore.Parse("\uFEFF*.tmp\r\n!keep.tmp\r\n");

        ignore.Patterns.Should().Equal("*.tmp", "!keep.tmp");
        ignore.HasExceptions.Should().BeTrue();
        ignore.IsExcluded("keep.tmp").Should().BeFalse();
    }

    [Fact]
    public void Keeping_AddsExceptionOnlyWhenExcluded()
    {
        var ignore = DockerIgnore.Parse("*\n");

        ignore.Keeping("Dockerfile").IsExcluded("Dockerfile").Should().BeFalse();
        ignore.Keeping("Dockerfile").IsExcluded("other").Should().BeTrue();
        DockerIgnore.Parse("*.md").Keeping("Dockerfile").Patterns.Should().Equal("*.md");
    }
}
