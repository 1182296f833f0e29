namespace Pipeline.Engine;

/// <summary>A tool run through <see cref="ToolCommandExtensions.ExecuteLoggedAsync"/> exited with a non-zero code.</summary>
/// <param name="commandLine">The tool and its first arguments, for the message (never secrets: those go through stdin).</param>
/// <param name="exitCode">The process exit code.</param>
public sealed class ToolFailedException(string commandLine, int exitCode)
    : Exception($"'{commandLine}' exited with code {exitCode}.")
{
    /// <summary>The tool and its first arguments.</summary>
    public string CommandLine { get; } = commandLine;

    /// <summary>The process exit code.</summary>
    public int ExitCode { get; } = exitCode;
}
