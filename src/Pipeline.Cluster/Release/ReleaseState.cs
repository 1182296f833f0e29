using Pipeline.Manifests;

namespace Pipeline.Cluster;

/// <summary>What the release applied so far, shared and per service.</summary>
internal sealed class ReleaseState(ClusterReleaseRequest request)
{
    public ClusterReleaseRequest Request { get; } = request;

    public List<AppliedObject> Shared { get; } = [];

    public Dictionary<DnsLabel, List<AppliedObject>> Applied { get; } =
        request.Manifests.Services.ToDictionary(service => service.Service, _ => new List<AppliedObject>());

    public bool AnythingApplied => Shared.Count > 0 || Applied.Values.Any(list => list.Count > 0);

    public ServiceRollout Rollout(ServiceWait wait, ServiceRolloutOutcome outcome) =>
        new(wait.Service, Request.Changed.Contains(wait.Service), outcome, Applied[wait.Service], wait.Rollouts, wait.Diagnoses, wait.Interruptions);
}
