using Pipeline.Engine.Tests.Builds;
using Pipeline.Engine.Tests.Support;

namespace Pipeline.Engine.Tests;

/// <summary>A stack trace is printed by the failure's type: for the types bugs surface as, never for a bad value or a said failure.</summary>
public sealed class StackTraceTests
{
    [Theory]
    [InlineData("format")]
    [InlineData("argument")]
    [InlineData("io")]
    public async Task FailureThatSaysItsFix_PrintsTheMessageWithoutAStackTrace(string kind)
    {
        var run = await BuildHarness.RunAsync<FailingBuild>(["--kind", kind]);

        run.ExitCode.Should().Be(1, run.Output);
        run.Output.Should().Contain("Target Fail failed: ").And.NotContain("   at ");
    }

    [Theory]
    [InlineData("null-reference", "NullReferenceException")]
    [InlineData("invalid-operation", "InvalidOperationException")]
    public async Task ProgrammingError_PrintsTheStackTrace(string kind, string type)
    {
        var run = await BuildHarness.RunAsync<FailingBuild>(["--kind", kind]);

        run.ExitCode.Should().Be(1, run.Output);
        run.Output.Should().Contain($"System.{type}: ").And.Contain("   at ");
    }
}
