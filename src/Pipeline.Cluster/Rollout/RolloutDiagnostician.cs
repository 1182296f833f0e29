using System.Globalization;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Pipeline.Cluster;

/// <summary>
/// Looks at the pods of a Deployment's new ReplicaSet (the one whose revision annotation equals the Deployment's) and
/// explains why they are not available: waiting reasons, recent Warning events, a crashing container's last log lines.
/// </summary>
internal sealed class RolloutDiagnostician(IKubernetes client, RolloutOptions options)
{
    private readonly RolloutInspector _inspector = new(client);

    public async Task<RolloutDiagnosis> DiagnoseAsync(V1Deployment deployment, string reason, CancellationToken cancellationToken)
    {
        var ns = deployment.Metadata.NamespaceProperty;
        var replicaSets = await _inspector.ListReplicaSetsAsync(deployment, cancellationToken).ConfigureAwait(false);
        var newReplicaSet = RolloutInspector.NewReplicaSet(deployment, replicaSets);
        var pods = new List<PodDiagnosis>();
        if (newReplicaSet is not null)
        {
            foreach (var pod in await _inspector.ListPodsAsync(newReplicaSet, cancellationToken).ConfigureAwait(false))
            {
                pods.Add(await DiagnosePodAsync(pod, cancellationToken).ConfigureAwait(false));
            }
        }

        var conditions = (deployment.Status?.Conditions ?? [])
            .Where(condition => condition.Type == "ReplicaFailure" && condition.Status == "True"
                || condition.Type == "Progressing" && condition.Status == "False")
            .Select(condition => $"{condition.Type} {condition.Reason}: {condition.Message}")
            .ToList();

        return new RolloutDiagnosis(
            ns,
            deployment.Metadata.Name,
            reason,
            DeploymentRevision.Of(deployment.Metadata),
            newReplicaSet?.Metadata.Name,
            RolloutProgress.Describe(deployment),
            conditions,
            pods);
    }

    private async Task<PodDiagnosis> DiagnosePodAsync(V1Pod pod, CancellationToken cancellationToken)
    {
        var ns = pod.Metadata.NamespaceProperty;
        var images = (pod.Spec?.Containers ?? []).ToDictionary(container => container.Name, container => container.Image, StringComparer.Ordinal);
        var problems = new List<ContainerProblem>();
        foreach (var status in pod.Status?.ContainerStatuses ?? [])
        {
            if (status.Ready)
            {
                continue;
            }

            var image = images.GetValueOrDefault(status.Name) ?? status.Image;
            var waiting = status.State?.Waiting;
            var state = waiting?.Reason ?? (status.State?.Running is not null ? "NotReady" : status.State?.Terminated?.Reason ?? "NotReady");
            var message = waiting?.Message ?? status.State?.Terminated?.Message;
            var logLines = state == "CrashLoopBackOff" || status.RestartCount > 0
                ? await ReadLastLogLinesAsync(pod, status.Name, cancellationToken).ConfigureAwait(false)
                : [];
            problems.Add(new ContainerProblem(status.Name, image, state, message, FailureHints.For(state, message, image, ns), logLines));
        }

        var firstImage = images.Values.FirstOrDefault();
        // Best effort: a deploy account without "list events" (403) still gets the pods' own states and the rollback.
        Corev1EventList events;
        try
        {
            events = await client.CoreV1.ListNamespacedEventAsync(
                ns,
                fieldSelector: $"involvedObject.name={pod.Metadata.Name}",
                cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException)
        {
            events = new Corev1EventList { Items = [] };
        }

        var warnings = events.Items
            .Where(item => item.Type == "Warning")
            .OrderBy(item => item.LastTimestamp ?? item.EventTime ?? item.FirstTimestamp ?? DateTime.MinValue)
            .TakeLast(options.EventsPerPod)
            .Select(item => new WarningEvent(
                item.Reason ?? "Warning",
                item.Message ?? string.Empty,
                item.Count ?? 1,
                FailureHints.For(item.Reason, item.Message, ImageNamedIn(item.Message, images.Values) ?? firstImage, ns)))
            .ToList();

        return new PodDiagnosis(pod.Metadata.Name, pod.Status?.Phase, problems, warnings);
    }

    private async Task<IReadOnlyList<string>> ReadLastLogLinesAsync(V1Pod pod, string container, CancellationToken cancellationToken)
    {
        // The crashed instance's log says why it exited; the current one may not have started yet.
        foreach (var previous in new[] { true, false })
        {
            try
            {
                var stream = await client.CoreV1.ReadNamespacedPodLogAsync(
                    pod.Metadata.Name,
                    pod.Metadata.NamespaceProperty,
                    container: container,
                    previous: previous,
                    tailLines: options.LogTailLines,
                    cancellationToken: cancellationToken).ConfigureAwait(false);
                using var reader = new StreamReader(stream);
                var text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
                var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r')).ToList();
                if (lines.Count > 0)
                {
                    return lines.TakeLast(options.LogTailLines).ToList();
                }
            }
            catch (HttpOperationException)
            {
                // No log for this instance (never started, or already garbage collected): try the other one.
            }
        }

        return [];
    }

    private static string? ImageNamedIn(string? message, IEnumerable<string> images) =>
        message is null ? null : images.FirstOrDefault(image => message.Contains(image, StringComparison.Ordinal));
}
