using Pipeline.Manifests;

namespace Pipeline.Cluster;

/// <summary>How one service's waits ended.</summary>
internal sealed class ServiceWait(DnsLabel service)
{
    public DnsLabel Service { get; } = service;

    public List<RolloutResult> Rollouts { get; } = [];

    public List<RolloutDiagnosis> Diagnoses { get; } = [];

    public List<string> Interruptions { get; } = [];

    public bool Cancelled { get; set; }

    public bool Failed => Diagnoses.Count > 0 || Interruptions.Count > 0;
}
