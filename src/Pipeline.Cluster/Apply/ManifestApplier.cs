using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Manifests;

namespace Pipeline.Cluster;

/// <summary>
/// Applies objects with server-side apply (the API server merges; no client-side three-way diff), as field manager
/// <see cref="FieldManager"/> with force, so the pipeline owns the fields it sets even after a manual kubectl edit.
/// Reports per object whether it was created, changed or left unchanged.
/// </summary>
public sealed class ManifestApplier
{
    /// <summary>The field manager name the cluster records for fields this stage owns.</summary>
    public const string FieldManager = "pipeline";

    private readonly IKubernetes _client;
    private readonly ILogger _logger;

    /// <summary>Creates an applier over <paramref name="client"/>.</summary>
    public ManifestApplier(IKubernetes client, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Applies a rendered set in its apply order (Namespace, pull Secret, Service, Deployment).</summary>
    public Task<IReadOnlyList<AppliedObject>> ApplyAsync(ManifestSet manifests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manifests);
        return ApplyAsync(manifests.ApplyOrder, cancellationToken);
    }

    /// <summary>
    /// Applies <paramref name="objects"/> one after another in the given order (Namespace before what lives in it,
    /// Secret before the Deployment that pulls with it). Supports the kinds of <see cref="SupportedKinds"/>; fills in
    /// apiVersion and kind when a model leaves them empty.
    /// </summary>
    public async Task<IReadOnlyList<AppliedObject>> ApplyAsync(
        IEnumerable<IKubernetesObject<V1ObjectMeta>> objects,
        CancellationToken cancellationToken = default)
    {
        var applied = new List<AppliedObject>();
        await ApplyAsync(objects, applied, cancellationToken).ConfigureAwait(false);
        return applied;
    }

    /// <summary>
    /// Applies like <see cref="ApplyAsync(IEnumerable{IKubernetesObject{V1ObjectMeta}}, CancellationToken)"/>, adding
    /// each object to <paramref name="applied"/> as soon as the server has it, so after a failure halfway the caller
    /// knows what this apply created (and has to remove).
    /// </summary>
    public async Task ApplyAsync(
        IEnumerable<IKubernetesObject<V1ObjectMeta>> objects,
        ICollection<AppliedObject> applied,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objects);
        ArgumentNullException.ThrowIfNull(applied);
        var items = objects.ToList();
        Check(items);
        foreach (var item in items)
        {
            var result = await ApplyOneAsync(item, cancellationToken).ConfigureAwait(false);
            _logger.LogInformation("{Applied}", result);
            applied.Add(result);
        }
    }

    /// <summary>
    /// Checks that every object can be applied (a name, a supported kind, a namespace where the kind needs one), so a
    /// set is refused whole instead of failing halfway with its Namespace and Secret already created.
    /// </summary>
    /// <exception cref="ClusterException">Of kind <see cref="ClusterFailureKind.UnsupportedObject"/>, naming every object that cannot be applied.</exception>
    public static void Check(IEnumerable<IKubernetesObject<V1ObjectMeta>> objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var problems = objects.Select(ApplyTarget.Problem).OfType<string>().ToList();
        if (problems.Count > 0)
        {
            throw new ClusterException(
                ClusterFailureKind.UnsupportedObject,
                $"nothing was applied, as {(problems.Count == 1 ? "one object" : $"{problems.Count} objects")} cannot be: {string.Join("; ", problems)}");
        }
    }

    private async Task<AppliedObject> ApplyOneAsync(IKubernetesObject<V1ObjectMeta> item, CancellationToken cancellationToken)
    {
        var target = ApplyTarget.For(_client, item);
        var name = item.Metadata.Name;
        var kind = item.Kind;
        var ns = ApplyTarget.IsNamespaced(item) ? item.Metadata.NamespaceProperty : null;
        try
        {
            var before = await ReadExistingAsync(() => target.ReadAsync(cancellationToken)).ConfigureAwait(false);
            var patch = new V1Patch(item, V1Patch.PatchType.ApplyPatch);
            var after = await target.ApplyAsync(patch, cancellationToken).ConfigureAwait(false);
            var resourceVersion = after.Metadata?.ResourceVersion ?? string.Empty;
            var change = before is null ? ApplyChange.Created
                : string.Equals(before.Metadata?.ResourceVersion, resourceVersion, StringComparison.Ordinal)
                  || ObjectContent.Same(before, after) ? ApplyChange.Unchanged
                : ApplyChange.Changed;
            return new AppliedObject(kind, ns, name, change, resourceVersion);
        }
        catch (HttpOperationException exception)
        {
            throw new ClusterException(
                ClusterFailureKind.ApplyRejected,
                $"The API server refused to apply {kind} '{name}'{(ns is null ? string.Empty : $" in namespace '{ns}'")}: " +
                $"HTTP {(int)exception.Response.StatusCode} {StatusMessage(exception)}",
                exception);
        }
    }

    private static async Task<ServedObject?> ReadExistingAsync(Func<Task<ServedObject>> read)
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (HttpOperationException exception) when (exception.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>The API server's own words for a refused call (its Status message), else the body or the exception's message.</summary>
    internal static string StatusMessage(HttpOperationException exception)
    {
        var body = exception.Response.Content;
        if (string.IsNullOrWhiteSpace(body))
        {
            return exception.Message;
        }

        try
        {
            return KubernetesJson.Deserialize<V1Status>(body)?.Message ?? body;
        }
        catch (System.Text.Json.JsonException)
        {
            return body;
        }
    }
}
