using System.Net;
using k8s;
using k8s.Autorest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Pipeline.Cluster;

/// <summary>
/// After a failed release, deletes the objects it created, newest first (the Deployment before its Secret, the
/// Namespace last), so a failed first release leaves nothing behind. Objects that existed before are kept. A delete
/// that fails is reported with the kubectl command that finishes the job, and the others are still tried.
/// </summary>
public sealed class CreatedObjectRemover
{
    private readonly IKubernetes _client;
    private readonly ILogger _logger;

    /// <summary>Creates a remover over <paramref name="client"/>.</summary>
    public CreatedObjectRemover(IKubernetes client, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// Removes the objects of <paramref name="applied"/> that were <see cref="ApplyChange.Created"/>, or with
    /// <paramref name="remove"/> off only reports them. Runs on its own bounded token: it also runs after the
    /// build was cancelled.
    /// </summary>
    public async Task<ReleaseCleanup> RemoveAsync(IReadOnlyList<AppliedObject> applied, bool remove)
    {
        ArgumentNullException.ThrowIfNull(applied);
        var created = applied.Where(item => item.Change == ApplyChange.Created).Reverse().ToList();
        var kept = applied.Where(item => item.Change != ApplyChange.Created).ToList();
        var removals = new List<ObjectRemoval>();
        using var bounded = new CancellationTokenSource(RolloutGuard.RollbackTimeout);
        foreach (var item in created)
        {
            var removal = remove ? await DeleteAsync(item, bounded.Token).ConfigureAwait(false) : new ObjectRemoval(item, RemovalOutcome.Disabled);
            _logger.LogWarning("{Removal}", removal);
            removals.Add(removal);
        }

        if (kept.Count > 0)
        {
            _logger.LogWarning("Kept what existed before: {Kept}", string.Join(", ", kept));
        }

        return new ReleaseCleanup(removals, kept);
    }

    private async Task<ObjectRemoval> DeleteAsync(AppliedObject item, CancellationToken cancellationToken)
    {
        try
        {
            await ApplyTarget.For(_client, item.Kind, item.Namespace, item.Name).DeleteAsync(cancellationToken).ConfigureAwait(false);
            return new ObjectRemoval(item, RemovalOutcome.Deleted);
        }
        catch (HttpOperationException exception) when (exception.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return new ObjectRemoval(item, RemovalOutcome.Deleted); // already gone: what was asked for
        }
        catch (HttpOperationException exception)
        {
            return new ObjectRemoval(item, RemovalOutcome.Failed, $"HTTP {(int)exception.Response.StatusCode} {ManifestApplier.StatusMessage(exception)}");
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return new ObjectRemoval(item, RemovalOutcome.Failed, exception.Message);
        }
    }
}
