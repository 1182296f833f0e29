using Pipeline.Engine.Runtime;

namespace Pipeline.Engine.Tests;

public sealed class RootDirectoryTests : IDisposable
{
    private readonly string top = Path.Combine(Path.GetTempPath(), "pipeline-root-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public void Locate_PrefersTheNearestPipelineMarkerOverGit()
    {
        var nested = Path.Combine(top, "service", "src");
        Directory.CreateDirectory(nested);
        Directory.CreateDirectory(Path.Combine(top, ".git"));
        Directory.CreateDirectory(Path.Combine(top, "service", ".pipeline"));

        RootDirectoryLocator.Locate(nested).Value.Should().Be(Path.Combine(top, "service"));
    }

    [Fact]
    public void Locate_FallsBackToGitThenToTheWorkingDirectory()
    {
        var nested = Path.Combine(top, "a", "b");
        Directory.CreateDirectory(nested);
        File.WriteAllText(Path.Combine(top, "a", ".git"), "gitdir: elsewhere");

        RootDirectoryLocator.Locate(nested).Value.Should().Be(Path.Combine(top, "a"));
    }

    public void Dispose()
    {
        if (Directory.Exists(top))
        {
            Directory.Delete(top, recursive: true);
        }
    }
}
