using System.Text;
using Microsoft.Extensions.Logging;

namespace Pipeline.Services;

/// <summary>
/// One service's log lines, held while its work runs beside the others' and written to the run's logger as one
/// block when it ends, so parallel services never interleave line by line.
/// </summary>
internal sealed class ServiceLog(string service) : ILogger
{
    private readonly List<string> _lines = [];
    private readonly Lock _gate = new();
    private LogLevel _highest = LogLevel.Information;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!IsEnabled(logLevel))
        {
            return;
        }

        lock (_gate)
        {
            _lines.Add(formatter(state, exception));
            _highest = logLevel > _highest ? logLevel : _highest;
        }
    }

    /// <summary>Writes the held lines as one entry, "service:" then each line indented, at the highest level logged.</summary>
    public void WriteTo(ILogger logger)
    {
        lock (_gate)
        {
            var block = new StringBuilder().Append(service).Append(':');
            foreach (var line in _lines.SelectMany(line => line.Split('\n')))
            {
                block.Append('\n').Append("  ").Append(line.TrimEnd('\r'));
            }

            logger.Log(_highest, "{ServiceLog}", block.ToString());
            _lines.Clear();
        }
    }
}
