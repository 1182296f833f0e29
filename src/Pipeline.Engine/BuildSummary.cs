using Pipeline.Engine.Output;

namespace Pipeline.Engine;

/// <summary>
/// Lines targets add for the end of the build (e.g. "Image digest" → "sha256:…"): printed after the summary
/// table, in the order added, and written to the GitHub step summary. Masked like every other output.
/// </summary>
public sealed class BuildSummary
{
    private readonly Lock gate = new();
    private readonly List<BuildSummaryLine> lines = [];

    /// <summary>Adds a labelled line, rendered as <c>label: value</c>.</summary>
    public void Add(string label, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        ArgumentNullException.ThrowIfNull(value);
        lock (gate)
        {
            lines.Add(new BuildSummaryLine(label, value));
        }
    }

    /// <summary>Adds a line as is (e.g. <c>12 passed, 0 failed</c>).</summary>
    public void AddLine(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        lock (gate)
        {
            lines.Add(new BuildSummaryLine(null, text));
        }
    }

    /// <summary>The lines added so far, rendered (<c>label: value</c> or the text as is).</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (gate)
            {
                return [.. lines.Select(line => line.Label is null ? line.Value : $"{line.Label}: {line.Value}")];
            }
        }
    }

    internal IReadOnlyList<BuildSummaryLine> Snapshot()
    {
        lock (gate)
        {
            return [.. lines];
        }
    }
}
