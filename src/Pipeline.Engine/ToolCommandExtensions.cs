using CliWrap;
using Microsoft.Extensions.Logging;

namespace Pipeline.Engine;

/// <summary>Runs a CliWrap command with its output streamed, line by line, into a build's logger.</summary>
public static class ToolCommandExtensions
{
    /// <summary>
    /// Logs the command line, runs <paramref name="command"/> streaming stdout and stderr into
    /// <paramref name="logger"/> (the engine's logger masks secrets), and throws when the exit code is not 0.
    /// Pass secrets through <see cref="Command.WithStandardInputPipe"/>, never as arguments.
    /// </summary>
    /// <param name="command">The command; any pipes it already has are kept and the logger is added.</param>
    /// <param name="logger">Where output lines go: stdout as information, stderr as information too
    /// (most tools write progress there), so only the exit code decides failure.</param>
    /// <param name="cancellationToken">Kills the process when cancelled.</param>
    /// <returns>The result with the exit code and run time.</returns>
    /// <exception cref="ToolFailedException">The process exited with a non-zero code.</exception>
    public static async Task<CommandResult> ExecuteLoggedAsync(
        this Command command, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(logger);

        var tool = Path.GetFileName(command.TargetFilePath);
        logger.LogInformation("> {Tool} {Arguments}", tool, command.Arguments);
        var logged = command
            .WithStandardOutputPipe(PipeTarget.Merge(command.StandardOutputPipe, PipeTarget.ToDelegate(line => logger.LogInformation("{Line}", line))))
            .WithStandardErrorPipe(PipeTarget.Merge(command.StandardErrorPipe, PipeTarget.ToDelegate(line => logger.LogInformation("{Line}", line))))
            .WithValidation(CommandResultValidation.None);

        var result = await logged.ExecuteAsync(cancellationToken);
        if (result.ExitCode != 0)
        {
            var firstArgument = command.Arguments.Split(' ', 2)[0];
            throw new ToolFailedException($"{tool} {firstArgument}".TrimEnd(), result.ExitCode);
        }

        return result;
    }
}
