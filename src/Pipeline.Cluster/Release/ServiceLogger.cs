using Microsoft.Extensions.Logging;
using Pipeline.Manifests;

namespace Pipeline.Cluster;

/// <summary>
/// Puts the service's name in front of every line the shared stage pieces (applier, watcher, rollback, remover) log
/// for it, so the lines of rollouts waited for side by side can be told apart.
/// </summary>
internal sealed class ServiceLogger(ILogger inner, DnsLabel service) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        inner.Log(logLevel, eventId, state, exception, (value, error) => $"{service}: {formatter(value, error)}");
    }
}
