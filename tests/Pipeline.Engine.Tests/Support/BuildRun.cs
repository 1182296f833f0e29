using System.Text.RegularExpressions;

namespace Pipeline.Engine.Tests.Support;

/// <summary>What a build run produced: its exit code and everything it wrote.</summary>
internal sealed partial record BuildRun(int ExitCode, string Output)
{
    public IReadOnlyList<string> Lines => Output.ReplaceLineEndings("\n").Split('\n');

    /// <summary>The targets listed in the summary table, in order, with their status.</summary>
    public IReadOnlyList<(string Target, string Status)> Table =>
        [.. Lines.Select(line => SummaryRow().Match(line)).Where(match => match.Success)
            .Select(match => (match.Groups["target"].Value, match.Groups["status"].Value))];

    public string StatusOf(string target) => Table.Single(row => row.Target == target).Status;

    /// <summary>The summary-table row of a target (status, duration, note).</summary>
    public string RowOf(string target) => Lines.Single(line => SummaryRow().Match(line) is { Success: true } match && match.Groups["target"].Value == target);

    [GeneratedRegex(@"^(?<target>\w+)\s+(?<status>Succeeded|Failed|Skipped|Cancelled|NotRun)\b")]
    private static partial Regex SummaryRow();
}
