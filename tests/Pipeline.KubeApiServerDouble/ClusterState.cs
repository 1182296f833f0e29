// A TEST DOUBLE of the Kubernetes API server, not a Kubernetes implementation: see README.md.
namespace Pipeline.KubeApiServerDouble;

/// <summary>
/// Everything the double holds in memory, behind one lock: the HTTP handlers and the simulated controllers take turns,
/// so each sees a consistent cluster (the real server gives no such guarantee; Deploy does not rely on it).
/// </summary>
internal sealed class ClusterState(TimeProvider timeProvider)
{
    private readonly Lock _gate = new();
    private readonly ObjectStore _store = new(timeProvider);
    private readonly Dictionary<(string Namespace, string Pod, string Container), List<string>> _logs = [];

    public TimeProvider Time { get; } = timeProvider;

    public T Use<T>(Func<ObjectStore, T> action)
    {
        lock (_gate)
        {
            return action(_store);
        }
    }

    public void Use(Action<ObjectStore> action)
    {
        lock (_gate)
        {
            action(_store);
        }
    }

    public void AppendLog(string ns, string pod, string container, string line)
    {
        lock (_gate)
        {
            if (!_logs.TryGetValue((ns, pod, container), out var lines))
            {
                lines = [];
                _logs[(ns, pod, container)] = lines;
            }

            lines.Add(line);
        }
    }

    public IReadOnlyList<string>? Logs(string ns, string pod, string container)
    {
        lock (_gate)
        {
            return _logs.TryGetValue((ns, pod, container), out var lines) ? lines.ToList() : null;
        }
    }
}
