using System.Text;
using System.Text.RegularExpressions;
using Docker.DotNet.Models;

namespace Pipeline.Image;

/// <summary>
/// Follows the classic builder's output: which step runs, what it prints, and which images this build created
/// (so a failed build can remove them). Steps served from cache and FROM lines point at images that existed before.
/// The engine streams in chunks that may end mid-line; a line is written only once it is whole, so a secret a step
/// prints is never split across two log lines (where the masker, which sees one line at a time, would miss it).
/// </summary>
internal sealed partial class BuildTranscript : IProgress<JSONMessage>
{
    private readonly Action<string> _writeLine;
    private readonly List<string> _createdImageIds = [];
    private readonly StringBuilder _stepOutput = new();
    private readonly Lock _gate = new();
    private bool _stepIsFrom;
    private bool _stepUsedCache;
    private string _pending = string.Empty;

    public BuildTranscript(Action<string> writeLine) => _writeLine = writeLine;

    /// <summary>The step running last, as printed: <c>Step 3/5 : RUN false</c>.</summary>
    public string? CurrentStep { get; private set; }

    /// <summary>What the current step printed so far.</summary>
    public string CurrentStepOutput
    {
        get
        {
            lock (_gate)
            {
                return _stepOutput.ToString();
            }
        }
    }

    /// <summary>Short IDs of the images this build created, in creation order.</summary>
    public IReadOnlyList<string> CreatedImageIds
    {
        get
        {
            lock (_gate)
            {
                return [.. _createdImageIds];
            }
        }
    }

    public void Report(JSONMessage value)
    {
        if (string.IsNullOrEmpty(value.Stream))
        {
            return;
        }

        string[] lines;
        lock (_gate)
        {
            var parts = (_pending + value.Stream).Split('\n');
            _pending = parts[^1];   // after the last newline: the start of a line still to come
            lines = parts[..^1];
        }

        Write(lines);
    }

    /// <summary>Writes a last line the stream ended without a newline for (call once the stream is over).</summary>
    public void Flush()
    {
        string pending;
        lock (_gate)
        {
            (pending, _pending) = (_pending, string.Empty);
        }

        if (pending.Length > 0)
        {
            Write([pending]);
        }
    }

    private void Write(IEnumerable<string> lines)
    {
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd('\r');
            lock (_gate)
            {
                Follow(line);
            }

            _writeLine(line);
        }
    }

    private void Follow(string line)
    {
        var step = StepLine().Match(line);
        if (step.Success)
        {
            CurrentStep = line.Trim();
            _stepIsFrom = string.Equals(step.Groups["instruction"].Value, "FROM", StringComparison.OrdinalIgnoreCase);
            _stepUsedCache = false;
            _stepOutput.Clear();
            return;
        }

        if (line.Trim() == "---> Using cache")
        {
            _stepUsedCache = true;
            return;
        }

        var result = ResultLine().Match(line);
        if (result.Success)
        {
            if (!_stepIsFrom && !_stepUsedCache)
            {
                _createdImageIds.Add(result.Groups["id"].Value);
            }

            return;
        }

        if (!line.StartsWith(" ---> Running in ", StringComparison.Ordinal) && !line.StartsWith("Removing intermediate container", StringComparison.Ordinal))
        {
            _stepOutput.AppendLine(line);
        }
    }

    [GeneratedRegex(@"^Step \d+/\d+ : (?<instruction>\S+)")]
    private static partial Regex StepLine();

    [GeneratedRegex(@"^ ---> (?<id>[0-9a-f]{12,64})\s*$")]
    private static partial Regex ResultLine();
}
