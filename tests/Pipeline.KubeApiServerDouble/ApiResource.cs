// A TEST DOUBLE of the Kubernetes API server, not a Kubernetes implementation: see README.md.
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Pipeline.KubeApiServerDouble;

/// <summary>One resource type the double serves: its URL plural, kind, apiVersion and scope.</summary>
internal sealed record ApiResource(
    string Plural,
    string Kind,
    string ApiVersion,
    bool Namespaced,
    Func<JsonNode, JsonObject> Normalize,
    Func<string, JsonObject> FromYaml)
{
    public static IReadOnlyList<ApiResource> All { get; } =
    [
        Create<V1Namespace>("namespaces", "Namespace", "v1", namespaced: false),
        Create<V1ServiceAccount>("serviceaccounts", "ServiceAccount", "v1", namespaced: true),
        Create<V1Secret>("secrets", "Secret", "v1", namespaced: true),
        Create<V1Service>("services", "Service", "v1", namespaced: true),
        Create<V1ConfigMap>("configmaps", "ConfigMap", "v1", namespaced: true),
        Create<V1PersistentVolumeClaim>("persistentvolumeclaims", "PersistentVolumeClaim", "v1", namespaced: true),
        Create<V1Ingress>("ingresses", "Ingress", "networking.k8s.io/v1", namespaced: true),
        Create<V2HorizontalPodAutoscaler>("horizontalpodautoscalers", "HorizontalPodAutoscaler", "autoscaling/v2", namespaced: true),
        Create<V1PodDisruptionBudget>("poddisruptionbudgets", "PodDisruptionBudget", "policy/v1", namespaced: true),
        Create<V1Pod>("pods", "Pod", "v1", namespaced: true),
        Create<Corev1Event>("events", "Event", "v1", namespaced: true),
        Create<V1Deployment>("deployments", "Deployment", "apps/v1", namespaced: true),
        Create<V1ReplicaSet>("replicasets", "ReplicaSet", "apps/v1", namespaced: true),
    ];

    public static ApiResource? ByPlural(string apiVersion, string plural) =>
        All.FirstOrDefault(resource => resource.Plural == plural && resource.ApiVersion == apiVersion);

    public static ApiResource ByKind(string kind) =>
        All.FirstOrDefault(resource => resource.Kind == kind) ?? throw new InvalidOperationException($"The double does not serve kind {kind}.");

    /// <summary>The list kind the client expects, e.g. <c>PodList</c>.</summary>
    public string ListKind => Kind + "List";

    // Every stored object goes through the client's own model, so what is stored is exactly what the client would
    // send back: applying the same object twice then compares equal.
    private static ApiResource Create<T>(string plural, string kind, string apiVersion, bool namespaced) =>
        new(
            plural,
            kind,
            apiVersion,
            namespaced,
            node => ToJson(KubernetesJson.Deserialize<T>(node)!, kind, apiVersion),
            yaml => ToJson(KubernetesYaml.Deserialize<T>(yaml)!, kind, apiVersion));

    private static JsonObject ToJson(object typed, string kind, string apiVersion)
    {
        var normalized = (JsonObject)JsonNode.Parse(KubernetesJson.Serialize(typed))!;
        normalized["kind"] = kind;
        normalized["apiVersion"] = apiVersion;
        return normalized;
    }
}
