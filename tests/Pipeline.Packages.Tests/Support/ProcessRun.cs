using System.Text;
using CliWrap;
using CliWrap.Buffered;
using Xunit.Abstractions;

namespace Pipeline.Packages.Tests.Support;

/// <summary>A finished child process: exit code and merged output, shown in the test's output for diagnosis.</summary>
internal sealed record ProcessRun(int ExitCode, string Output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    public static async Task<ProcessRun> RunAsync(
        string program, IReadOnlyList<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string?> environment, ITestOutputHelper? log = null)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var output = new StringBuilder();
        var result = await Cli.Wrap(program)
            .WithArguments(arguments)
            .WithWorkingDirectory(workingDirectory)
            .WithEnvironmentVariables(environment)
            .WithStandardOutputPipe(PipeTarget.ToStringBuilder(output))
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(output))
            .WithValidation(CommandResultValidation.None)
            .ExecuteAsync(timeout.Token);
        var run = new ProcessRun(result.ExitCode, output.ToString());
        log?.WriteLine($"$ {program} {string.Join(' ', arguments)}  (exit {run.ExitCode}, {result.RunTime.TotalSeconds:0.0} s)\n{run.Output}");
        return run;
    }

    public override string ToString() => $"exit {ExitCode}:\n{Output}";
}
