using System.Globalization;
using Pipeline.Engine.Targets;

namespace Pipeline.Engine.Output;

/// <summary>The end-of-build table (Target | Status | Duration | Note), the verdict, then the summary lines.</summary>
internal static class SummaryTableWriter
{
    public static void Write(BuildOutput output, BuildResult result, BuildSummary summary)
    {
        var rows = result.Outcomes
            .Select(outcome => new[] { outcome.Name, outcome.Status.ToString(), FormatDuration(outcome), outcome.Note })
            .ToList();
        string[] header = ["Target", "Status", "Duration", "Note"];
        var widths = Enumerable.Range(0, header.Length)
            .Select(column => rows.Select(row => row[column].Length).Append(header[column].Length).Max())
            .ToArray();
        var rule = new string('═', widths.Sum() + (2 * (widths.Length - 1)));

        output.Information("");
        output.Information(rule, AnsiColor.Dim);
        output.Information(Row(header, widths));
        output.Information(rule, AnsiColor.Dim);
        foreach (var (row, outcome) in rows.Zip(result.Outcomes))
        {
            output.Information(Row(row, widths), ColorOf(outcome.Status));
        }

        output.Information(rule, AnsiColor.Dim);
        output.Information(Row(["Total", "", Duration(result.Duration), ""], widths));
        output.Information("");
        output.Information(Verdict(result.Status), result.Status == BuildStatus.Succeeded ? AnsiColor.Green : AnsiColor.Red);
        foreach (var line in summary.Lines)
        {
            output.Information(line);
        }
    }

    public static string Verdict(BuildStatus status) => status switch
    {
        BuildStatus.Succeeded => "Build succeeded.",
        BuildStatus.Cancelled => "Build cancelled.",
        _ => "Build failed.",
    };

    public static string FormatDuration(TargetOutcome outcome) =>
        outcome.Status is TargetStatus.NotRun || (outcome.Status is TargetStatus.Skipped && outcome.Duration == TimeSpan.Zero)
            ? ""
            : Duration(outcome.Duration);

    private static string Duration(TimeSpan duration) => duration.TotalMinutes >= 1
        ? duration.ToString(@"m\:ss", CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.0} s");

    private static string Row(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((cell, column) => cell.PadRight(widths[column]))).TrimEnd();

    private static AnsiColor ColorOf(TargetStatus status) => status switch
    {
        TargetStatus.Succeeded => AnsiColor.Green,
        TargetStatus.Failed => AnsiColor.Red,
        TargetStatus.Cancelled => AnsiColor.Yellow,
        _ => AnsiColor.Dim,
    };
}
