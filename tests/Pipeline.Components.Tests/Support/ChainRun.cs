using System.Text.RegularExpressions;
using Pipeline.Engine;
using Pipeline.Registry;
using Xunit.Abstractions;

namespace Pipeline.Components.Tests.Support;

/// <summary>What one build run produced: its exit code and everything it wrote (already masked by the engine).</summary>
internal sealed partial record ChainRun(int ExitCode, string Output)
{
    public IReadOnlyList<string> Lines => Output.ReplaceLineEndings("\n").Split('\n');

    /// <summary>The summary-table row of a target: name, status, duration, note.</summary>
    public string RowOf(string target) =>
        Lines.SingleOrDefault(line => SummaryRow().Match(line) is { Success: true } match && match.Groups["target"].Value == target)
        ?? throw new InvalidOperationException($"no summary row for {target} in:\n{Output}");

    public string StatusOf(string target) => SummaryRow().Match(RowOf(target)).Groups["status"].Value;

    /// <summary>The value of a summary line <c>label: value</c> printed after the table.</summary>
    public string? SummaryValue(string label) =>
        Lines.Where(line => line.StartsWith(label + ": ", StringComparison.Ordinal)).Select(line => line[(label.Length + 2)..]).LastOrDefault();

    /// <summary>The digest in the summary's <c>Image: registry/name:tag@sha256:…</c> line.</summary>
    public Digest ImageDigest =>
        SummaryValue("Image") is { } image && ImageLine().Match(image) is { Success: true } match
            ? Digest.Parse(match.Groups["digest"].Value)
            : throw new InvalidOperationException($"no 'Image: …@sha256:…' summary line in:\n{Output}");

    public override string ToString() => $"exit {ExitCode}:\n{Output}";

    /// <summary>
    /// Runs a build in-process in <paramref name="workingDirectory"/> as CI would (no terminal), with only
    /// <paramref name="environment"/> (secrets travel there), and keeps what it printed in the test's output.
    /// </summary>
    public static async Task<ChainRun> ExecuteAsync<TBuild>(
        string[] args, string workingDirectory, IReadOnlyDictionary<string, string> environment, ITestOutputHelper testOutput, TimeSpan timeout)
        where TBuild : PipelineBuild, new()
    {
        using var cancellation = new CancellationTokenSource(timeout);
        using var output = new StringWriter();
        var exitCode = await PipelineBuild.ExecuteAsync<TBuild>(args, new BuildHostContext
        {
            Output = output,
            Environment = environment,
            WorkingDirectory = workingDirectory,
            Cancellation = cancellation.Token,
            IsTerminal = false,
        });
        testOutput.WriteLine($"$ build {string.Join(' ', args)}\n{output}");
        return new ChainRun(exitCode, output.ToString());
    }

    [GeneratedRegex(@"^(?<target>\w+)\s+(?<status>Succeeded|Failed|Skipped|Cancelled|NotRun)\b")]
    private static partial Regex SummaryRow();

    [GeneratedRegex(@"@(?<digest>sha256:[0-9a-f]{64})\b")]
    private static partial Regex ImageLine();
}
