using Microsoft.Extensions.Logging;
using Pipeline.Registry.Http;
using Pipeline.Version;

namespace Pipeline.Registry.Retention;

/// <summary>
/// Keeps the newest N release tags (<c>v1.2.3</c>, by version precedence, not by date) of a repository and
/// deletes the others. A registry deletes manifests, not tags, and every tag on a deleted manifest goes with it:
/// a candidate whose digest a kept tag (or any tag that is not a release) also points at is left alone.
/// </summary>
public sealed class ReleaseTagRetention
{
    private readonly RegistryClient _registry;
    private readonly ILogger _logger;

    /// <summary>Creates the retention over a connected registry client (delete must be enabled on the registry).</summary>
    public ReleaseTagRetention(RegistryClient registry, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(logger);
        _registry = registry;
        _logger = logger;
    }

    /// <summary>Deletes all but the newest <paramref name="keep"/> release tags of <paramref name="repository"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="keep"/> is below 1.</exception>
    /// <exception cref="RegistryException">The registry refused (e.g. <see cref="RegistryFailureKind.DeleteDisabled"/>).</exception>
    public async Task<RetentionResult> ApplyAsync(string repository, int keep, CancellationToken cancellationToken)
    {
        if (keep < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(keep), keep, "keep must be at least 1: retention never deletes every release.");
        }

        var tags = await _registry.Repositories.ListTagsAsync(repository, cancellationToken: cancellationToken);
        var releases = tags
            .Select(tag => (Tag: tag, Version: tag.StartsWith('v') && ReleaseVersion.TryParse(tag, out var version) ? version : (ReleaseVersion?)null))
            .Where(entry => entry.Version is not null)
            .OrderByDescending(entry => entry.Version!.Value)
            .ToList();
        var kept = releases.Take(keep).Select(entry => entry.Tag).ToList();
        var candidates = releases.Skip(keep).Select(entry => entry.Tag).ToList();
        if (candidates.Count == 0)
        {
            return new RetentionResult(kept, [], []);
        }

        var digests = new Dictionary<string, Digest>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            if ((await _registry.FindAsync(Reference(repository, tag), cancellationToken))?.Digest is { } digest)
            {
                digests[tag] = digest;
            }
        }

        var protectedDigests = tags.Except(candidates, StringComparer.Ordinal)
            .Where(digests.ContainsKey)
            .Select(tag => digests[tag])
            .ToHashSet();
        var deletedDigests = new HashSet<Digest>();
        var deleted = new List<string>();
        var spared = new List<string>();
        foreach (var tag in candidates)
        {
            if (!digests.TryGetValue(tag, out var digest) || protectedDigests.Contains(digest))
            {
                spared.Add(tag);
                continue;
            }

            // Candidates sharing one manifest go with its single delete.
            if (deletedDigests.Add(digest))
            {
                await _registry.DeleteAsync(Reference(repository, tag).WithDigest(digest), cancellationToken);
            }

            deleted.Add(tag);
            _logger.LogInformation("Deleted {Repository}:{Tag} ({Digest})", repository, tag, digest);
        }

        return new RetentionResult(kept, deleted, spared);
    }

    private ImageReference Reference(string repository, string tag) => ImageReference.Create(_registry.Registry, repository, tag);
}
