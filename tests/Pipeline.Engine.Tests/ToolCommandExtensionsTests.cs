using Pipeline.Engine.Tests.Support;

namespace Pipeline.Engine.Tests;

public sealed class ToolCommandExtensionsTests
{
    [Fact]
    public async Task ExecuteLoggedAsync_StreamsBothPipesIntoTheLogger()
    {
        var logger = new ListLogger();

        var result = await CliWrap.Cli.Wrap("sh").WithArguments(["-c", "echo out-line; echo err-line >&2"]).ExecuteLoggedAsync(logger, CancellationToken.None);

        result.ExitCode.Should().Be(0);
        logger.Messages.Should().Contain("> sh -c \"echo out-line; echo err-line >&2\"").And.Contain("out-line").And.Contain("err-line");
    }

    [Fact]
    public async Task ExecuteLoggedAsync_NonZeroExit_ThrowsWithTheExitCode()
    {
        var run = () => CliWrap.Cli.Wrap("sh").WithArguments(["-c", "exit 3"]).ExecuteLoggedAsync(new ListLogger(), CancellationToken.None);

        var failure = await run.Should().ThrowAsync<ToolFailedException>();
        failure.Which.ExitCode.Should().Be(3);
        failure.Which.Message.Should().Be("'sh -c' exited with code 3.");
    }
}
