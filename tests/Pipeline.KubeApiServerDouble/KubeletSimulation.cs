// A TEST DOUBLE of the Kubernetes API server, not a Kubernetes implementation: see README.md.
using k8s.Models;
using Pipeline.Manifests;
using Pipeline.Registry;

namespace Pipeline.KubeApiServerDouble;

/// <summary>
/// Simulates the kubelet on one node. Each new container's image pull is done FOR REAL: the pod's imagePullSecrets
/// are read from the namespace, the entry for the image's registry is found as the kubelet matches it, and the
/// manifest is HEADed on the actual registry. Failures go through ErrImagePull, ImagePullBackOff and retries with the
/// registry's words; pulled containers start and become ready, or crash / never become ready when the pod template
/// says so (<see cref="PodBehaviours.Annotation"/>).
/// </summary>
internal sealed class KubeletSimulation(ClusterState state, RegistryImagePuller puller, KubeApiServerDoubleOptions options, CancellationToken stopping)
{
    public const string NodeName = "pipeline-double-node";

    // Only touched while the ClusterState lock is held.
    private readonly Dictionary<string, List<ContainerRuntimeState>> _pods = new(StringComparer.Ordinal);

    public void Reconcile(ObjectStore store, DateTime now)
    {
        var pods = store.List<V1Pod>("Pod", ns: null);
        foreach (var gone in _pods.Keys.Except(pods.Select(pod => pod.Metadata.Uid)).ToList())
        {
            _pods.Remove(gone);
        }

        foreach (var pod in pods)
        {
            if (!_pods.TryGetValue(pod.Metadata.Uid, out var containers))
            {
                containers = pod.Spec.Containers.Select(container => new ContainerRuntimeState(container.Name, container.Image) { Since = now }).ToList();
                _pods[pod.Metadata.Uid] = containers;
                EventRecorder.Record(store, pod, "Normal", "Scheduled", $"Successfully assigned {pod.Metadata.NamespaceProperty}/{pod.Metadata.Name} to {NodeName}", now);
            }

            foreach (var container in containers)
            {
                Step(store, pod, container, now);
            }

            pod.Status = PodStatusBuilder.Build(pod, containers, options, now);
            store.Write(pod);
        }
    }

    private void Step(ObjectStore store, V1Pod pod, ContainerRuntimeState container, DateTime now)
    {
        var elapsed = now - container.Since;
        switch (container.Stage)
        {
            case ContainerStage.Pulling when container.Pull is null:
                var credentials = ResolveCredentials(store, pod, container.Image, now);
                EventRecorder.Record(store, pod, "Normal", "Pulling", $"Pulling image \"{container.Image}\"", now);
                container.PullResult = null;
                container.Pull = Task.Run(() => PullAsync(container, credentials), stopping);
                break;
            case ContainerStage.Pulling when container.PullResult is { Succeeded: true }:
                EventRecorder.Record(store, pod, "Normal", "Pulled", $"Successfully pulled image \"{container.Image}\"", now);
                Start(store, pod, container, now);
                break;
            case ContainerStage.Pulling when container.PullResult is { Succeeded: false } failed:
                container.PullError = failed.Error;
                Enter(container, ContainerStage.ErrImagePull, now);
                EventRecorder.Record(store, pod, "Warning", "Failed", $"Failed to pull image \"{container.Image}\": {failed.Error}", now);
                EventRecorder.Record(store, pod, "Warning", "Failed", "Error: ErrImagePull", now);
                break;
            case ContainerStage.ErrImagePull when elapsed >= options.PullBackOffAfter:
                Enter(container, ContainerStage.ImagePullBackOff, now);
                EventRecorder.Record(store, pod, "Normal", "BackOff", $"Back-off pulling image \"{container.Image}\"", now);
                EventRecorder.Record(store, pod, "Warning", "Failed", "Error: ImagePullBackOff", now);
                break;
            case ContainerStage.ImagePullBackOff when elapsed >= options.PullRetryAfter:
                Enter(container, ContainerStage.Pulling, now);
                break;
            case ContainerStage.Running when PodBehaviours.Of(pod.Metadata.Annotations) == PodBehaviour.Crash && elapsed >= options.CrashAfter:
                container.Restarts++;
                state.AppendLog(pod.Metadata.NamespaceProperty, pod.Metadata.Name, container.Name,
                    $"Unhandled exception. System.InvalidOperationException: simulated crash ({PodBehaviours.Annotation}=crash), exit code 1");
                Enter(container, ContainerStage.CrashLoopBackOff, now);
                EventRecorder.Record(store, pod, "Warning", "BackOff",
                    $"Back-off restarting failed container {container.Name} in pod {pod.Metadata.Name}_{pod.Metadata.NamespaceProperty}({pod.Metadata.Uid})", now);
                break;
            case ContainerStage.Running when PodBehaviours.Of(pod.Metadata.Annotations) == PodBehaviour.NeverReady
                && (container.LastUnhealthyEvent is null || now - container.LastUnhealthyEvent >= options.PullRetryAfter):
                container.LastUnhealthyEvent = now;
                EventRecorder.Record(store, pod, "Warning", "Unhealthy", "Readiness probe failed: HTTP probe failed with statuscode: 503", now);
                break;
            case ContainerStage.CrashLoopBackOff when elapsed >= options.CrashBackOff:
                Start(store, pod, container, now);
                break;
        }
    }

    private void Start(ObjectStore store, V1Pod pod, ContainerRuntimeState container, DateTime now)
    {
        container.Pull = null;
        container.PullError = null;
        Enter(container, ContainerStage.Running, now);
        EventRecorder.Record(store, pod, "Normal", "Created", $"Created container {container.Name}", now);
        EventRecorder.Record(store, pod, "Normal", "Started", $"Started container {container.Name}", now);
        state.AppendLog(pod.Metadata.NamespaceProperty, pod.Metadata.Name, container.Name, $"starting {container.Image} (simulated by the Kubernetes API server test double)");
    }

    private static void Enter(ContainerRuntimeState container, ContainerStage stage, DateTime now)
    {
        if (stage == ContainerStage.Pulling)
        {
            container.Pull = null;
        }

        container.Stage = stage;
        container.Since = now;
    }

    private static RegistryCredentials ResolveCredentials(ObjectStore store, V1Pod pod, string image, DateTime now)
    {
        var ns = pod.Metadata.NamespaceProperty;
        var names = (pod.Spec.ImagePullSecrets ?? []).Select(reference => reference.Name).Where(name => !string.IsNullOrEmpty(name)).ToList();
        var secrets = names.Select(name => (Name: name, Secret: store.Get<V1Secret>("Secret", ns, name))).ToList();
        var missing = secrets.Where(entry => entry.Secret is null).Select(entry => entry.Name).ToList();
        if (missing.Count > 0)
        {
            // The kubelet's own words (pkg/kubelet/kuberuntime): it goes on and pulls anonymously.
            EventRecorder.Record(store, pod, "Warning", "FailedToRetrieveImagePullSecret",
                $"Unable to retrieve some image pull secrets ({string.Join(", ", missing)}); attempting to pull the image may not succeed.", now);
        }

        if (!ImageReference.TryParse(image, out var reference))
        {
            return RegistryCredentials.Anonymous;
        }

        foreach (var (_, secret) in secrets)
        {
            if (secret is null)
            {
                continue;
            }

            try
            {
                if (PullSecretAuths.Read(secret).FindFor(reference) is { } entry)
                {
                    return entry.Credentials;
                }
            }
            catch (ManifestException)
            {
                // The kubelet skips pull Secrets it cannot read.
            }
        }

        return RegistryCredentials.Anonymous;
    }

    private async Task PullAsync(ContainerRuntimeState container, RegistryCredentials credentials)
    {
        PullOutcome outcome;
        try
        {
            outcome = await puller.PullAsync(container.Image, credentials, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return;
        }

        state.Use(_ => container.PullResult = outcome);
    }
}
