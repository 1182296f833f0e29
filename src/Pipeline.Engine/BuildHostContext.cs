namespace Pipeline.Engine;

/// <summary>What the build runs with: output, environment, working directory, cancellation, terminal.</summary>
/// <remarks><see cref="PipelineBuild.Execute{TBuild}"/> fills it from the real process; tests build their own.</remarks>
public sealed class BuildHostContext
{
    /// <summary>Where every line of output goes (after masking).</summary>
    public required TextWriter Output { get; init; }

    /// <summary>The environment variables the build sees.</summary>
    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    /// <summary>The directory the build was started from; the root directory is searched from here.</summary>
    public required string WorkingDirectory { get; init; }

    /// <summary>Cancels the running target (Ctrl+C, CI cancel).</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>Whether the output is an interactive terminal (colours are used only then).</summary>
    public bool IsTerminal { get; init; }

    /// <summary>
    /// What child processes inherit; the engine removes every secret from it before any target runs (and each
    /// secret registered later). <see cref="PipelineBuild.Execute{TBuild}"/> passes the process's own; null
    /// leaves the process alone (tests that run builds side by side).
    /// </summary>
    public IChildProcessEnvironment? ChildProcessEnvironment { get; init; }
}
