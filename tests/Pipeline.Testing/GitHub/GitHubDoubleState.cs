// A TEST DOUBLE of the GitHub REST API (a loopback Kestrel server), not GitHub: see GitHubApiDouble.cs.
namespace Pipeline.Testing.GitHub;

/// <summary>
/// What the double holds: the repositories it knows, their releases (with assets) and deployments (with statuses).
/// Requests are served concurrently, so every access takes the lock.
/// </summary>
public sealed class GitHubDoubleState(IEnumerable<string> repositories)
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _repositories = new(repositories, StringComparer.OrdinalIgnoreCase);
    private readonly List<DoubleRelease> _releases = [];
    private readonly List<DoubleDeployment> _deployments = [];
    private int _nextId = 1;

    public bool HasRepository(string repository) => _repositories.Contains(repository);

    public IReadOnlyList<DoubleRelease> Releases
    {
        get
        {
            lock (_gate)
            {
                return [.. _releases];
            }
        }
    }

    public IReadOnlyList<DoubleDeployment> Deployments
    {
        get
        {
            lock (_gate)
            {
                return [.. _deployments];
            }
        }
    }

    public DoubleRelease? FindRelease(string repository, string tagName)
    {
        lock (_gate)
        {
            return _releases.SingleOrDefault(r => Same(r.Repository, repository) && r.TagName == tagName);
        }
    }

    public DoubleRelease? FindRelease(string repository, long id)
    {
        lock (_gate)
        {
            return _releases.SingleOrDefault(r => Same(r.Repository, repository) && r.Id == id);
        }
    }

    /// <summary>Adds a release; null when the tag already has one (GitHub answers 422 already_exists).</summary>
    public DoubleRelease? AddRelease(string repository, string tagName, Action<DoubleRelease> describe)
    {
        lock (_gate)
        {
            if (_releases.Any(r => Same(r.Repository, repository) && r.TagName == tagName))
            {
                return null;
            }

            var release = new DoubleRelease(_nextId++, repository, tagName);
            describe(release);
            _releases.Add(release);
            return release;
        }
    }

    public void UpdateRelease(DoubleRelease release, Action<DoubleRelease> change)
    {
        lock (_gate)
        {
            change(release);
        }
    }

    public IReadOnlyList<DoubleAsset> Assets(DoubleRelease release)
    {
        lock (_gate)
        {
            return [.. release.Assets];
        }
    }

    /// <summary>Adds an asset; null when the release already has one of that name (GitHub answers 422).</summary>
    public DoubleAsset? AddAsset(DoubleRelease release, string name, string contentType, byte[] content)
    {
        lock (_gate)
        {
            if (release.Assets.Any(a => a.Name == name))
            {
                return null;
            }

            var asset = new DoubleAsset(_nextId++, name, contentType, content);
            release.Assets.Add(asset);
            return asset;
        }
    }

    public bool DeleteAsset(string repository, int assetId)
    {
        lock (_gate)
        {
            return _releases.Where(r => Same(r.Repository, repository))
                .Any(r => r.Assets.RemoveAll(a => a.Id == assetId) > 0);
        }
    }

    public DoubleDeployment AddDeployment(string repository, string reference, string environment)
    {
        lock (_gate)
        {
            var deployment = new DoubleDeployment(_nextId++, repository, reference, environment);
            _deployments.Add(deployment);
            return deployment;
        }
    }

    public DoubleDeployment? FindDeployment(string repository, long id)
    {
        lock (_gate)
        {
            return _deployments.SingleOrDefault(d => Same(d.Repository, repository) && d.Id == id);
        }
    }

    public DoubleDeploymentStatus AddStatus(DoubleDeployment deployment, string state, string? description, string? environmentUrl, string? logUrl)
    {
        lock (_gate)
        {
            var status = new DoubleDeploymentStatus(_nextId++, state, description, environmentUrl, logUrl);
            deployment.Statuses.Add(status);
            return status;
        }
    }

    private static bool Same(string left, string right) => string.Equals(left, right, StringComparison.OrdinalIgnoreCase);
}
