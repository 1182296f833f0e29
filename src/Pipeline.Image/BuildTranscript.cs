using System.Text;
using System.Text.RegularExpressions;
using Docker.DotNet.Models;

namespace Pipeline.Image;

/// <summary>
/// Follows the classic builder's output: which step runs, what it prints, and which images this build created
/// (so a failed build can remove them). Steps served from cache and FROM lines point at images that existed before.
/// </summary>
internal sealed partial class BuildTranscript : IProgress<JSONMessage>
{
    private readonly Action<string> _writeLine;
    private readonly List<string> _createdImageIds = [];
    private readonly StringBuilder _stepOutput = new();
    private readonly Lock _gate = new();
    private bool _stepIsFrom;
    private bool _stepUsedCache;

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

        foreach (var line in value.Stream.TrimEnd('\n').Split('\n'))
        {
            lock (_gate)
            {
                Follow(line.TrimEnd('\r'));
            }

            _writeLine(line.TrimEnd('\r'));
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
