using Pipeline.Engine;

namespace Pipeline.Services;

/// <summary>
/// Publishes of services that share a referenced project run one after another: two <c>dotnet publish</c> processes
/// building the same project write the same obj/ and bin/ files and break each other. Services that share nothing
/// publish side by side. Locks are taken in one order, so two services never wait for each other.
/// </summary>
internal sealed class SharedProjectLocks
{
    private readonly Dictionary<AbsolutePath, SemaphoreSlim> _locks;

    public SharedProjectLocks(IReadOnlyList<ServiceSource> sources)
    {
        _locks = sources.SelectMany(source => source.ReferencedProjects).Distinct()
            .ToDictionary(project => project, _ => new SemaphoreSlim(1, 1));
    }

    /// <summary>Waits for every project <paramref name="source"/> references; disposing releases them.</summary>
    public async Task<IDisposable> EnterAsync(ServiceSource source, CancellationToken cancellationToken)
    {
        var held = new Held();
        try
        {
            // ReferencedProjects is in ordinal order: the one order every service takes its locks in.
            foreach (var project in source.ReferencedProjects)
            {
                await _locks[project].WaitAsync(cancellationToken);
                held.Locks.Add(_locks[project]);
            }
        }
        catch
        {
            held.Dispose();
            throw;
        }

        return held;
    }

    private sealed class Held : IDisposable
    {
        public List<SemaphoreSlim> Locks { get; } = [];

        public void Dispose()
        {
            foreach (var held in Locks)
            {
                held.Release();
            }

            Locks.Clear();
        }
    }
}
