namespace Pipeline.Services;

/// <summary>
/// Publishes of services that share a referenced project run one after another: two <c>dotnet publish</c> processes
/// building the same project write the same obj/ and bin/ files and break each other. Services that share nothing
/// publish side by side. Locks are taken in one order, so two services never wait for each other.
/// </summary>
internal sealed class SharedProjectLocks
{
    private readonly Dictionary<string, SemaphoreSlim> _locks;

    public SharedProjectLocks(IReadOnlyList<ServiceSource> sources)
    {
        _locks = sources.SelectMany(ReferencedProjects).Distinct(StringComparer.Ordinal)
            .ToDictionary(project => project, _ => new SemaphoreSlim(1, 1), StringComparer.Ordinal);
    }

    /// <summary>Waits for every project <paramref name="source"/> references; disposing releases them.</summary>
    public async Task<IDisposable> EnterAsync(ServiceSource source, CancellationToken cancellationToken)
    {
        var held = new Held();
        try
        {
            foreach (var project in ReferencedProjects(source).Order(StringComparer.Ordinal))
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

    // The project files among its inputs other than its own: the projects it references, transitively.
    private static IEnumerable<string> ReferencedProjects(ServiceSource source)
    {
        var own = source.Service.Project.Name;
        return source.Inputs.Where(input => input.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase) && Path.GetFileName(input) != own).Distinct(StringComparer.Ordinal);
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
