using k8s;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Manifests;

namespace Pipeline.Cluster;

/// <summary>
/// One release across several services, the many-services form of <see cref="ClusterDeployment"/>: the shared
/// Namespaces and pull Secrets are applied once, then every service's objects (the whole set checked before the first
/// apply), and all Deployments' rollouts are waited for side by side. When any fails (or the apply fails halfway, or
/// the build is cancelled), each failed Deployment is diagnosed, every <em>changed</em> service goes back to its
/// previous revision with the objects it created deleted, and the unchanged ones are left as they run; a shared object
/// this release created is deleted only when no kept service needs it. With
/// <see cref="RolloutOptions.RollbackOnFailure"/> off, everything stays and the failure says what a rollback would do.
/// </summary>
public sealed class ClusterRelease
{
    private readonly IKubernetes _client;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the release over a connected client.</summary>
    /// <param name="client">The cluster (from <see cref="ClusterResolution.CreateClient"/>).</param>
    /// <param name="time">Clock for the rollout waits.</param>
    /// <param name="logger">Where applies, rollout progress and rollbacks are reported, each line naming its service.</param>
    public ClusterRelease(IKubernetes client, TimeProvider? time = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Applies the release and waits for every service's rollouts side by side.</summary>
    /// <exception cref="ReleaseRolloutFailedException">A rollout failed; carries every service's outcome and the diagnoses.</exception>
    /// <exception cref="ClusterException">
    /// Nothing applied (an object that cannot be applied), or an apply failed halfway: its message, then what was undone.
    /// </exception>
    /// <exception cref="ArgumentException"><see cref="ClusterReleaseRequest.Changed"/> names a service the release does not hold; nothing applied.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; after the first apply the message says what was undone.</exception>
    public async Task<ClusterReleaseResult> DeployAsync(ClusterReleaseRequest request, RolloutOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        var manifests = request.Manifests;
        RefuseUnknownChanged(request);
        ManifestApplier.Check(manifests.ApplyOrder);

        var state = new ReleaseState(request);
        try
        {
            await new ManifestApplier(_client, _logger).ApplyAsync(manifests.Shared, state.Shared, cancellationToken).ConfigureAwait(false);
            foreach (var service in manifests.Services)
            {
                await new ManifestApplier(_client, ForService(service.Service))
                    .ApplyAsync(service.Manifests.ApplyOrder, state.Applied[service.Service], cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception failure) when (state.AnythingApplied && failure is not OutOfMemoryException)
        {
            var undone = await UndoAsync(state, [], options).ConfigureAwait(false);
            throw failure switch
            {
                OperationCanceledException when cancellationToken.IsCancellationRequested =>
                    new OperationCanceledException($"{failure.Message.TrimEnd('.')}; {Summary(undone)}", failure, cancellationToken),
                ClusterException cluster => new ClusterException(cluster.Kind, $"{cluster.Message.TrimEnd('.')}; {Summary(undone)}", failure),
                _ => new ClusterException(ClusterFailureKind.ApplyRejected, $"applying the release failed ({failure.Message}); {Summary(undone)}", failure),
            };
        }

        // Every service's wait starts before any is awaited: the rollouts run side by side.
        var waits = manifests.Services.Select(service => WaitAsync(service, options, cancellationToken)).ToList();
        var waited = await Task.WhenAll(waits).ConfigureAwait(false);
        if (cancellationToken.IsCancellationRequested && waited.Any(wait => wait.Cancelled))
        {
            var undone = await UndoAsync(state, waited, options).ConfigureAwait(false);
            throw new OperationCanceledException($"waiting for the release's rollouts was cancelled; {Summary(undone)}", cancellationToken);
        }

        if (waited.All(wait => !wait.Failed))
        {
            var services = waited.Select(wait => state.Rollout(wait, ServiceRolloutOutcome.RolledOut)).ToList();
            return new ClusterReleaseResult(state.Shared, services);
        }

        throw new ReleaseRolloutFailedException(await UndoAsync(state, waited, options).ConfigureAwait(false));
    }

    private static void RefuseUnknownChanged(ClusterReleaseRequest request)
    {
        ArgumentNullException.ThrowIfNull(request.Manifests);
        ArgumentNullException.ThrowIfNull(request.Changed);
        var unknown = request.Changed.Where(service => request.Manifests.Services.All(candidate => candidate.Service != service)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException(
                $"Changed names {string.Join(", ", unknown.Select(service => $"'{service}'"))}, which the release does not hold "
                + $"(it holds {string.Join(", ", request.Manifests.Services.Select(service => service.Service.Value))}): "
                + "list only services of this release as changed",
                nameof(request));
        }
    }

    private static string Summary(ClusterReleaseResult undone) => undone.ToString().ReplaceLineEndings("; ");

    private async Task<ServiceWait> WaitAsync(ServiceManifestSet service, RolloutOptions options, CancellationToken cancellationToken)
    {
        var watcher = new RolloutWatcher(_client, _time, options, ForService(service.Service));
        var wait = new ServiceWait(service.Service);
        foreach (var deployment in service.Manifests.Deployments)
        {
            var ns = deployment.Metadata.NamespaceProperty ?? DnsLabel.DefaultNamespace.Value;
            try
            {
                wait.Rollouts.Add(await watcher.WaitAsync(ns, deployment.Metadata.Name, cancellationToken).ConfigureAwait(false));
            }
            catch (RolloutFailedException failure)
            {
                ForService(service.Service).LogError("{Diagnosis}", failure.Diagnosis);
                wait.Diagnoses.Add(failure.Diagnosis);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                wait.Cancelled = true;
                return wait;
            }
            catch (Exception interruption) when (interruption is not OutOfMemoryException)
            {
                wait.Interruptions.Add($"waiting for deployment {ns}/{deployment.Metadata.Name} failed ({interruption.Message})");
            }
        }

        return wait;
    }

    /// <summary>
    /// After a failure: each changed service goes back (its changed Deployments to the previous revision, what it
    /// created deleted), the others are kept, and shared objects this release created go unless a kept service needs them.
    /// </summary>
    private async Task<ClusterReleaseResult> UndoAsync(ReleaseState state, IReadOnlyList<ServiceWait> waited, RolloutOptions options)
    {
        var rollback = options.RollbackOnFailure;
        var services = new List<ServiceRollout>();
        foreach (var service in state.Request.Manifests.Services)
        {
            var wait = waited.FirstOrDefault(candidate => candidate.Service == service.Service) ?? new ServiceWait(service.Service);
            var changed = state.Request.Changed.Contains(service.Service);
            if (changed && rollback)
            {
                services.Add(await RollBackAsync(state, wait).ConfigureAwait(false));
            }
            else
            {
                var outcome = wait.Failed ? ServiceRolloutOutcome.Failed : ServiceRolloutOutcome.Kept;
                var cleanup = changed
                    ? await new CreatedObjectRemover(_client, ForService(service.Service)).RemoveAsync(state.Applied[service.Service], remove: false).ConfigureAwait(false)
                    : null;
                var notRolledBack = wait.Diagnoses.Select(diagnosis => new RollbackResult(RollbackOutcome.Disabled, diagnosis.Revision, null, [])).ToList();
                services.Add(state.Rollout(wait, outcome) with { Cleanup = cleanup, Rollbacks = changed ? notRolledBack : [] });
            }
        }

        // A shared object stays while a service that is not rolled back lives in it, whether or not rollback is on.
        var stays = state.Request.Manifests.Services
            .Where(service => !state.Request.Changed.Contains(service.Service))
            .SelectMany(service => state.Request.Manifests.SharedUsedBy(service.Service))
            .ToHashSet(ReferenceEqualityComparer.Instance);
        var appliedShared = state.Request.Manifests.Shared.Zip(state.Shared).ToList();
        var inUse = appliedShared.Where(pair => pair.Second.Change == ApplyChange.Created && stays.Contains(pair.First)).Select(pair => pair.Second).ToList();
        var removable = appliedShared.Select(pair => pair.Second).Except(inUse).ToList();
        var sharedCleanup = await new CreatedObjectRemover(_client, _logger).RemoveAsync(removable, rollback).ConfigureAwait(false);
        if (inUse.Count > 0)
        {
            _logger.LogWarning("Kept for the services that stay: {InUse}", string.Join(", ", inUse.Select(item => item.Reference)));
        }

        return new ClusterReleaseResult(state.Shared, services) { SharedCleanup = sharedCleanup, SharedInUse = inUse };
    }

    private async Task<ServiceRollout> RollBackAsync(ReleaseState state, ServiceWait wait)
    {
        var logger = ForService(wait.Service);
        var applied = state.Applied[wait.Service];
        var rollbacks = new List<RollbackResult>();
        var failures = new List<string>();

        // Only a Deployment this release changed has a previous revision of its own to go back to; a created one is deleted below.
        var rollback = new RolloutRollback(_client, logger);
        foreach (var deployment in applied.Where(item => item.Kind == "Deployment" && item.Change == ApplyChange.Changed))
        {
            try
            {
                using var bounded = new CancellationTokenSource(RolloutGuard.RollbackTimeout);
                rollbacks.Add(await rollback.RollBackAsync(deployment.Namespace!, deployment.Name, bounded.Token).ConfigureAwait(false));
            }
            catch (Exception failure) when (failure is not OutOfMemoryException)
            {
                var text = $"the rollback of deployment {deployment.Namespace}/{deployment.Name} failed ({failure.Message}): undo it with kubectl rollout undo deployment/{deployment.Name} -n {deployment.Namespace}";
                logger.LogError("{Failure}", text);
                failures.Add(text);
            }
        }

        var cleanup = await new CreatedObjectRemover(_client, logger).RemoveAsync(applied, remove: true).ConfigureAwait(false);
        var rollout = state.Rollout(wait, ServiceRolloutOutcome.RolledBack);
        return rollout with { Interruptions = [.. rollout.Interruptions, .. failures], Rollbacks = rollbacks, Cleanup = cleanup };
    }

    private ServiceLogger ForService(DnsLabel service) => new(_logger, service);

    /// <summary>What the release applied so far, shared and per service.</summary>
    private sealed class ReleaseState(ClusterReleaseRequest request)
    {
        public ClusterReleaseRequest Request { get; } = request;

        public List<AppliedObject> Shared { get; } = [];

        public Dictionary<DnsLabel, List<AppliedObject>> Applied { get; } =
            request.Manifests.Services.ToDictionary(service => service.Service, _ => new List<AppliedObject>());

        public bool AnythingApplied => Shared.Count > 0 || Applied.Values.Any(list => list.Count > 0);

        public ServiceRollout Rollout(ServiceWait wait, ServiceRolloutOutcome outcome) =>
            new(wait.Service, Request.Changed.Contains(wait.Service), outcome, Applied[wait.Service], wait.Rollouts, wait.Diagnoses, wait.Interruptions);
    }

    /// <summary>How one service's waits ended.</summary>
    private sealed class ServiceWait(DnsLabel service)
    {
        public DnsLabel Service { get; } = service;

        public List<RolloutResult> Rollouts { get; } = [];

        public List<RolloutDiagnosis> Diagnoses { get; } = [];

        public List<string> Interruptions { get; } = [];

        public bool Cancelled { get; set; }

        public bool Failed => Diagnoses.Count > 0 || Interruptions.Count > 0;
    }
}
