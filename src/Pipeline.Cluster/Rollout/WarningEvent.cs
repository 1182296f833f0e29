namespace Pipeline.Cluster;

/// <summary>A recent Warning event of a pod, with what to do about it.</summary>
/// <param name="Reason">The event's reason, e.g. <c>Failed</c> or <c>FailedToRetrieveImagePullSecret</c>.</param>
/// <param name="Message">The event's message, in the kubelet's (and the registry's) words.</param>
/// <param name="Count">How many times it happened.</param>
/// <param name="Hint">A suggestion, or null when there is none for this message.</param>
public sealed record WarningEvent(string Reason, string Message, int Count, string? Hint);
