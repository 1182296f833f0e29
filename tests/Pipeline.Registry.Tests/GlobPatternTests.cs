using Pipeline.Registry.Globs;

namespace Pipeline.Registry.Tests;

public class GlobPatternTests
{
    // Each row: pattern, value, whether .dockerignore's dialect matches, whether filepath.Match's does.
    [Theory]
    [InlineData("*.md", "README.md", true, true)]
    [InlineData("*.md", "docs/guide.md", false, false)]
    [InlineData("**/*.md", "docs/deep/guide.md", true, false)]
    [InlineData("**/*.md", "README.md", true, false)]
    [InlineData("**", "a/b/c", true, false)]
    [InlineData("**", "nexus", true, true)]
    [InlineData("a/**/b", "a/b", true, false)]
    [InlineData("a/**/b", "a/x/y/b", true, false)]
    [InlineData("?", "a", true, true)]
    [InlineData("?", "/", false, false)]
    [InlineData("?x", "ax", true, true)]
    [InlineData("file[0-9]", "file7", true, true)]
    [InlineData("file[0-9]", "filex", false, false)]
    [InlineData("file[^0-9]", "filex", true, true)]
    [InlineData("file[!0-9]", "filex", true, false)]
    [InlineData("file[!0-9]", "file5", false, true)]
    [InlineData(@"file[\]]", "file]", true, false)]
    [InlineData(@"\*", "*", true, true)]
    [InlineData(@"\*", "a", false, false)]
    [InlineData("a.b", "axb", false, false)]
    [InlineData("a+b(c)", "a+b(c)", true, true)]
    [InlineData("*", "nexus", true, true)]
    [InlineData("*", "", true, true)]
    public void Compile_MatchesAsEachDialectDoes(string pattern, string value, bool dockerIgnore, bool filepathMatch)
    {
        GlobPattern.Compile(pattern, GlobDialect.DockerIgnore)!.IsMatch(value).Should().Be(dockerIgnore, ".dockerignore's dialect");
        (GlobPattern.Compile(pattern, GlobDialect.FilepathMatch)?.IsMatch(value) ?? false).Should().Be(filepathMatch, "filepath.Match's dialect");
    }

    [Fact]
    public void Compile_UnterminatedClass_IsRejectedByDockerIgnoreAndNeverMatchesInFilepathMatch()
    {
        var docker = () => GlobPattern.Compile("file[0-9", GlobDialect.DockerIgnore);

        docker.Should().Throw<ArgumentException>();
        GlobPattern.Compile("file[0-9", GlobDialect.FilepathMatch).Should().BeNull();
    }
}
