using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Pipeline.GitHub.Tests;

/// <summary>Keeps every formatted log line (and exception text) so tests can read what a service logged.</summary>
internal sealed class RecordingLogger : ILogger
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public string Text => string.Join('\n', _lines);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull
    {
        _lines.Enqueue($"scope: {state}");
        return null;
    }

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        // Structured values too: a secret could hide in a property that the message template does not print.
        var properties = state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? string.Join(", ", pairs.Select(p => $"{p.Key}={p.Value}"))
            : string.Empty;
        _lines.Enqueue($"{logLevel}: {formatter(state, exception)} [{properties}] {exception}");
    }
}
