using Pipeline.Engine.Parameters;

namespace Pipeline.Engine.Cli;

/// <summary>The parsed command line: <c>[targets…] [--help|-h] [--plan] [--verbose] [--skip [targets…]] [--parameter value…]</c>.</summary>
internal sealed class CommandLine
{
    public List<string> Targets { get; } = [];

    public bool ShowHelp { get; set; }

    public bool ShowPlan { get; set; }

    /// <summary><c>--verbose</c>: also say which environment variables were left unread.</summary>
    public bool Verbose { get; set; }

    /// <summary><c>--skip</c> was given; without <see cref="SkipTargets"/> it means "only the named targets".</summary>
    public bool SkipGiven { get; set; }

    public List<string> SkipTargets { get; } = [];

    public Dictionary<ParameterDescriptor, List<string>> Arguments { get; } = [];

    public List<string> Errors { get; } = [];
}
