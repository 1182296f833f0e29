using Microsoft.Extensions.Logging;

namespace Pipeline.Components.Progress;

/// <summary>
/// Holds log lines while a live progress display owns the terminal (lines written under it would tear the bars),
/// then hands them, in order, to the build's logger, which masks them as always.
/// </summary>
internal sealed class DeferredLogger(ILogger inner) : ILogger
{
    private readonly List<(LogLevel Level, string Message)> held = [];
    private readonly Lock gate = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        lock (gate)
        {
            held.Add((logLevel, formatter(state, exception)));
        }
    }

    public void Flush()
    {
        lock (gate)
        {
            foreach (var (level, message) in held)
            {
                inner.Log(level, "{Message}", message);
            }

            held.Clear();
        }
    }
}
