using Microsoft.Extensions.Logging;

namespace Pipeline.Engine.Output;

/// <summary>An <see cref="ILogger"/> over <see cref="BuildOutput"/>: grouped, coloured by level, masked.</summary>
internal sealed class BuildLogger(BuildOutput output) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel is >= LogLevel.Information and < LogLevel.None;

    public void Log<TState>(
        LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var message = formatter(state, exception);
        if (exception is not null)
        {
            message = $"{message}{Environment.NewLine}{exception}";
        }

        switch (logLevel)
        {
            case LogLevel.Warning:
                output.Warning(message);
                break;
            case LogLevel.Error or LogLevel.Critical:
                output.Error(message);
                break;
            default:
                output.Information(message);
                break;
        }
    }
}
