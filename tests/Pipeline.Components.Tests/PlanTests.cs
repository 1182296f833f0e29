using Pipeline.Components.Tests.Builds;
using Pipeline.Components.Tests.Support;
using Pipeline.Engine;

namespace Pipeline.Components.Tests;

public sealed class PlanTests
{
    [Fact]
    public async Task Plan_Publish_ListsTheChainWithCleanupInParentheses()
    {
        var root = Path.Combine(Path.GetTempPath(), "pipeline-components-e2e", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(root, ".pipeline"));
        try
        {
            using var output = new StringWriter();
            var exitCode = await PipelineBuild.ExecuteAsync<SampleBuild>(["Publish", "--plan", "--release", "1.0.0"], new BuildHostContext
            {
                Output = output,
                Environment = new Dictionary<string, string> { ["HOME"] = root },
                WorkingDirectory = root,
            });
            var run = new ChainRun(exitCode, output.ToString());

            run.ExitCode.Should().Be(0, "{0}", run);
            run.Lines[0].Should().Be("Compile → Image → Push → (CleanImages) → Render → Deploy → Publish");
            Directory.Exists(Path.Combine(root, "artifacts")).Should().BeFalse("--plan runs nothing");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
