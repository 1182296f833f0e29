using System.Collections.Concurrent;
using Pipeline.Engine.Output;
using Pipeline.Engine.Parameters;

namespace Pipeline.Engine.Runtime;

/// <summary>What a running build instance reaches through <see cref="IPipelineBuild"/>: one per run, no statics.</summary>
internal sealed class BuildRuntime(
    BuildOutput output,
    CiHost host,
    IReadOnlyDictionary<string, string> environment,
    AbsolutePath rootDirectory,
    ParameterValues parameters,
    bool isInteractive)
{
    public BuildOutput Output { get; } = output;

    public BuildLogger Logger { get; } = new(output);

    public BuildSummary Summary { get; } = new();

    public CiHost Host { get; } = host;

    public IReadOnlyDictionary<string, string> Environment { get; } = environment;

    public AbsolutePath RootDirectory { get; } = rootDirectory;

    public ParameterValues Parameters { get; } = parameters;

    public bool IsInteractive { get; } = isInteractive;

    public TextWriter Terminal { get; } = output.Terminal();

    /// <summary>Per-run component state, keyed by type (see <see cref="IPipelineBuild.State{TState}"/>).</summary>
    public ConcurrentDictionary<Type, object> States { get; } = new();

    /// <summary>What the targets returned this run (see <see cref="IPipelineBuild.ResultOf{TResult}(Target)"/>).</summary>
    public Targets.TargetResults Results { get; } = new();

    /// <summary>Values computed once this run (see <see cref="IPipelineBuild.Once{T}"/>).</summary>
    public BuildMemo Memo { get; } = new();
}
