// A TEST DOUBLE of the Kubernetes API server, not a Kubernetes implementation: see README.md.
using k8s.Models;

namespace Pipeline.KubeApiServerDouble;

/// <summary>Writes a simulated pod's status the way the kubelet reports it.</summary>
internal static class PodStatusBuilder
{
    public static V1PodStatus Build(V1Pod pod, IReadOnlyList<ContainerRuntimeState> containers, KubeApiServerDoubleOptions options, DateTime now)
    {
        var behaviour = PodBehaviours.Of(pod.Metadata.Annotations);
        var statuses = containers.Select(container => ContainerStatus(pod, container, behaviour, options, now)).ToList();
        var allReady = statuses.All(status => status.Ready);
        var started = containers.Any(container => container.Stage is ContainerStage.Running || container.Restarts > 0);
        var previous = pod.Status?.Conditions;
        return new V1PodStatus
        {
            Phase = started ? "Running" : "Pending",
            StartTime = pod.Status?.StartTime ?? now,
            HostIP = "127.0.0.1",
            ContainerStatuses = statuses,
            Conditions =
            [
                Condition(previous, "PodScheduled", true, now),
                Condition(previous, "Initialized", true, now),
                Condition(previous, "ContainersReady", allReady, now),
                Condition(previous, "Ready", allReady, now),
            ],
        };
    }

    private static V1ContainerStatus ContainerStatus(V1Pod pod, ContainerRuntimeState container, PodBehaviour behaviour, KubeApiServerDoubleOptions options, DateTime now)
    {
        var backOffMessage = $"Back-off pulling image \"{container.Image}\": ErrImagePull: {container.PullError}";
        var state = container.Stage switch
        {
            ContainerStage.Pulling when container.PullError is not null => Waiting("ImagePullBackOff", backOffMessage),
            ContainerStage.Pulling => Waiting("ContainerCreating", null),
            ContainerStage.ErrImagePull => Waiting("ErrImagePull", container.PullError),
            ContainerStage.ImagePullBackOff => Waiting("ImagePullBackOff", backOffMessage),
            ContainerStage.CrashLoopBackOff => Waiting(
                "CrashLoopBackOff",
                $"back-off {options.CrashBackOff.TotalSeconds:0.###}s restarting failed container={container.Name} pod={pod.Metadata.Name}_{pod.Metadata.NamespaceProperty}({pod.Metadata.Uid})"),
            _ => new V1ContainerState { Running = new V1ContainerStateRunning { StartedAt = container.Since } },
        };
        var ready = container.Stage == ContainerStage.Running && behaviour == PodBehaviour.Healthy && now - container.Since >= options.ReadyAfter;
        return new V1ContainerStatus
        {
            Name = container.Name,
            Image = container.Image,
            ImageID = string.Empty,
            Ready = ready,
            Started = container.Stage == ContainerStage.Running,
            RestartCount = container.Restarts,
            State = state,
            LastState = container.Restarts > 0
                ? new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = 1, Reason = "Error" } }
                : null,
        };
    }

    private static V1ContainerState Waiting(string reason, string? message) =>
        new() { Waiting = new V1ContainerStateWaiting { Reason = reason, Message = message } };

    private static V1PodCondition Condition(IList<V1PodCondition>? previous, string type, bool isTrue, DateTime now)
    {
        var status = isTrue ? "True" : "False";
        var old = previous?.FirstOrDefault(condition => condition.Type == type);
        return new V1PodCondition
        {
            Type = type,
            Status = status,
            LastTransitionTime = old is not null && old.Status == status ? old.LastTransitionTime : now,
        };
    }
}
