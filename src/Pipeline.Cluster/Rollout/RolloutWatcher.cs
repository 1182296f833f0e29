using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Pipeline.Cluster;

/// <summary>
/// Waits until a Deployment's rollout completes (observedGeneration ≥ generation, all replicas updated and available),
/// like <c>kubectl rollout status</c>. On timeout, or a failure waiting will not heal, throws
/// <see cref="RolloutFailedException"/> with a <see cref="RolloutDiagnosis"/> of the new ReplicaSet's pods.
/// </summary>
public sealed class RolloutWatcher
{
    // Waiting reasons that do not clear by themselves once Push has run: the configuration is wrong.
    private static readonly HashSet<string> UnrecoverableReasons = new(StringComparer.Ordinal)
    {
        "ErrImagePull", "ImagePullBackOff", "ErrImageNeverPull", "InvalidImageName", "CrashLoopBackOff", "CreateContainerConfigError",
    };

    private readonly IKubernetes _client;
    private readonly TimeProvider _timeProvider;
    private readonly RolloutOptions _options;
    private readonly ILogger _logger;
    private readonly RolloutInspector _inspector;

    /// <summary>Creates a watcher; <paramref name="timeProvider"/> drives the timeout and the poll delay.</summary>
    public RolloutWatcher(IKubernetes client, TimeProvider timeProvider, RolloutOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(options);
        _client = client;
        _timeProvider = timeProvider;
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        _inspector = new RolloutInspector(client);
    }

    /// <summary>Waits for the Deployment <paramref name="name"/> in <paramref name="ns"/> to finish rolling out.</summary>
    public async Task<RolloutResult> WaitAsync(string ns, string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ns);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var started = _timeProvider.GetTimestamp();
        var lastProgress = string.Empty;
        while (true)
        {
            var deployment = await _inspector.ReadDeploymentAsync(ns, name, cancellationToken).ConfigureAwait(false);
            var elapsed = _timeProvider.GetElapsedTime(started);
            if (RolloutProgress.IsComplete(deployment))
            {
                _logger.LogInformation("Deployment {Namespace}/{Name} rolled out in {Elapsed}", ns, name, Durations.Format(elapsed));
                return new RolloutResult(ns, name, DeploymentRevision.Of(deployment.Metadata), elapsed);
            }

            var progress = RolloutProgress.Describe(deployment);
            if (progress != lastProgress)
            {
                _logger.LogInformation("Waiting for deployment {Namespace}/{Name}: {Progress}", ns, name, progress);
                lastProgress = progress;
            }

            var failure = _options.FailFast ? await FindUnrecoverableFailureAsync(deployment, cancellationToken).ConfigureAwait(false) : null;
            if (failure is null && elapsed >= _options.Timeout)
            {
                failure = $"timed out after {Durations.Format(_options.Timeout)}";
            }

            if (failure is not null)
            {
                var diagnosis = await new RolloutDiagnostician(_client, _options).DiagnoseAsync(deployment, failure, cancellationToken).ConfigureAwait(false);
                throw new RolloutFailedException(diagnosis);
            }

            var delay = _options.PollInterval < _options.Timeout - elapsed ? _options.PollInterval : _options.Timeout - elapsed;
            await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<string?> FindUnrecoverableFailureAsync(V1Deployment deployment, CancellationToken cancellationToken)
    {
        if (RolloutProgress.HasExceededProgressDeadline(deployment))
        {
            return "the progress deadline was exceeded";
        }

        var replicaSets = await _inspector.ListReplicaSetsAsync(deployment, cancellationToken).ConfigureAwait(false);
        var newReplicaSet = RolloutInspector.NewReplicaSet(deployment, replicaSets);
        if (newReplicaSet is null)
        {
            return null;
        }

        foreach (var pod in await _inspector.ListPodsAsync(newReplicaSet, cancellationToken).ConfigureAwait(false))
        {
            var reason = (pod.Status?.ContainerStatuses ?? [])
                .Select(status => status.State?.Waiting?.Reason)
                .FirstOrDefault(waiting => waiting is not null && UnrecoverableReasons.Contains(waiting));
            if (reason is not null)
            {
                return $"pod {pod.Metadata.Name} is in {reason}";
            }
        }

        return null;
    }
}
