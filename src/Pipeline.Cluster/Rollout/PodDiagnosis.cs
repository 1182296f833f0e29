namespace Pipeline.Cluster;

/// <summary>What is wrong with one pod of the new ReplicaSet.</summary>
/// <param name="Pod">The pod's name.</param>
/// <param name="Phase">The pod's phase (Pending, Running…).</param>
/// <param name="Containers">Containers that are not ready, with reasons.</param>
/// <param name="Warnings">The pod's recent Warning events, newest last.</param>
public sealed record PodDiagnosis(
    string Pod,
    string? Phase,
    IReadOnlyList<ContainerProblem> Containers,
    IReadOnlyList<WarningEvent> Warnings);
