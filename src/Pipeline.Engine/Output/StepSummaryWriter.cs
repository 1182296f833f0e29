using System.Text;
using Pipeline.Engine.Targets;

namespace Pipeline.Engine.Output;

/// <summary>Appends the summary as Markdown to GitHub's step summary file (<c>GITHUB_STEP_SUMMARY</c>), masked.</summary>
internal static class StepSummaryWriter
{
    public static void Append(string path, SecretMasker masker, BuildResult result, BuildSummary summary)
    {
        var markdown = new StringBuilder()
            .AppendLine($"### {SummaryTableWriter.Verdict(result.Status)}")
            .AppendLine()
            .AppendLine("| Target | Status | Duration | Note |")
            .AppendLine("| --- | --- | --- | --- |");
        foreach (var outcome in result.Outcomes)
        {
            markdown.AppendLine($"| {Cell(outcome.Name)} | {outcome.Status} | {SummaryTableWriter.FormatDuration(outcome)} | {Cell(outcome.Note)} |");
        }

        var lines = summary.Snapshot();
        if (lines.Count > 0)
        {
            markdown.AppendLine();
            foreach (var line in lines)
            {
                markdown.AppendLine(line.Label is null ? $"- {line.Value}" : $"- **{line.Label}**: {line.Value}");
            }
        }

        File.AppendAllText(path, masker.Apply(markdown.AppendLine().ToString()));
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
