using System.Globalization;
using System.Text;

namespace Pipeline.Cluster;

/// <summary>
/// Why a rollout failed, in words a person can act on: for each pod of the new ReplicaSet, the containers' waiting
/// reasons and messages, recent Warning events and a hint per problem (in the manner of Skaffold's status check).
/// </summary>
/// <param name="Namespace">The Deployment's namespace.</param>
/// <param name="Deployment">The Deployment's name.</param>
/// <param name="Reason">Why waiting stopped: a timeout or a failure that waiting will not heal.</param>
/// <param name="Revision">The revision that failed to roll out, when known.</param>
/// <param name="ReplicaSet">The new ReplicaSet's name, or null when the controller had not created one.</param>
/// <param name="Progress">The Deployment's replica counts at the end, e.g. <c>0 of 1 updated replicas available</c>.</param>
/// <param name="Conditions">Deployment conditions that report a problem (ReplicaFailure, ProgressDeadlineExceeded).</param>
/// <param name="Pods">Diagnoses of the new ReplicaSet's pods.</param>
public sealed record RolloutDiagnosis(
    string Namespace,
    string Deployment,
    string Reason,
    long? Revision,
    string? ReplicaSet,
    string Progress,
    IReadOnlyList<string> Conditions,
    IReadOnlyList<PodDiagnosis> Pods)
{
    /// <summary>Every hint in the diagnosis, first to last, without repeats.</summary>
    public IReadOnlyList<string> Hints =>
        Pods.SelectMany(pod => pod.Containers.Select(container => container.Hint).Concat(pod.Warnings.Select(warning => warning.Hint)))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>The full, multi-line diagnosis.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        var revision = Revision is null ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"revision {Revision}, ");
        text.Append(CultureInfo.InvariantCulture, $"Deployment {Namespace}/{Deployment} did not become available: {Reason} ({revision}{Progress})");
        foreach (var condition in Conditions)
        {
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"  condition: {condition}");
        }

        if (ReplicaSet is null)
        {
            text.AppendLine().Append("  the deployment controller has not created a ReplicaSet for this revision yet");
        }
        else if (Pods.Count == 0)
        {
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"  ReplicaSet {ReplicaSet} has no pods yet");
        }

        foreach (var pod in Pods)
        {
            AppendPod(text, pod);
        }

        return text.ToString();
    }

    private static void AppendPod(StringBuilder text, PodDiagnosis pod)
    {
        text.AppendLine().Append(CultureInfo.InvariantCulture, $"  pod {pod.Pod} ({pod.Phase ?? "unknown phase"}):");
        foreach (var container in pod.Containers)
        {
            var message = string.IsNullOrWhiteSpace(container.Message) ? string.Empty : $": {container.Message}";
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"    container {container.Container} ({container.Image}) {container.State}{message}");
            AppendHint(text, container.Hint);
            if (container.LogLines.Count > 0)
            {
                text.AppendLine().Append(CultureInfo.InvariantCulture, $"      last log lines of {container.Container}:");
                foreach (var line in container.LogLines)
                {
                    text.AppendLine().Append(CultureInfo.InvariantCulture, $"        | {line}");
                }
            }
        }

        foreach (var warning in pod.Warnings)
        {
            var count = warning.Count > 1 ? string.Create(CultureInfo.InvariantCulture, $" (x{warning.Count})") : string.Empty;
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"    warning {warning.Reason}{count}: {warning.Message}");
            AppendHint(text, warning.Hint);
        }
    }

    private static void AppendHint(StringBuilder text, string? hint)
    {
        if (hint is not null)
        {
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"      hint: {hint}");
        }
    }
}
