namespace Pipeline.Cluster;

/// <summary>Why one container of a pod is not ready.</summary>
/// <param name="Container">The container's name.</param>
/// <param name="Image">The image it runs.</param>
/// <param name="State">The waiting reason (<c>ImagePullBackOff</c>, <c>CrashLoopBackOff</c>…) or <c>NotReady</c>.</param>
/// <param name="Message">The kubelet's message, carrying the registry's words for pull failures.</param>
/// <param name="Hint">A suggestion, or null.</param>
/// <param name="LogLines">The last log lines of a crashing container; empty when none are available.</param>
public sealed record ContainerProblem(
    string Container,
    string Image,
    string State,
    string? Message,
    string? Hint,
    IReadOnlyList<string> LogLines);
