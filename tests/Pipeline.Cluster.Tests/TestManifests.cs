using k8s;
using k8s.Models;
using Pipeline.KubeApiServerDouble;
using Pipeline.Manifests;
using Pipeline.Registry;

namespace Pipeline.Cluster.Tests;

/// <summary>Hand-built objects of one small service, in apply order.</summary>
internal static class TestManifests
{
    public const string App = "orders";
    public const string PullSecretName = "regcred";

    public static V1Namespace Namespace(string ns) => new() { Metadata = new V1ObjectMeta { Name = ns } };

    public static V1Secret PullSecret(string ns, RegistryHost registry, RegistryCredentials credentials) =>
        new PullSecret(DnsLabel.Parse(PullSecretName), DnsLabel.Parse(ns), registry, credentials).ToV1Secret();

    public static V1Service Service(string ns) => new()
    {
        Metadata = new V1ObjectMeta { Name = App, NamespaceProperty = ns, Labels = Labels() },
        Spec = new V1ServiceSpec
        {
            Selector = Labels(),
            Ports = [new V1ServicePort { Name = "http", Port = 80, TargetPort = 8080 }],
        },
    };

    public static V1Deployment Deployment(string ns, string image, PodBehaviour behaviour = PodBehaviour.Healthy, int replicas = 1) => new()
    {
        Metadata = new V1ObjectMeta { Name = App, NamespaceProperty = ns, Labels = Labels() },
        Spec = new V1DeploymentSpec
        {
            Replicas = replicas,
            Selector = new V1LabelSelector { MatchLabels = Labels() },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta
                {
                    Labels = Labels(),
                    Annotations = behaviour == PodBehaviour.Healthy
                        ? null
                        : new Dictionary<string, string> { [PodBehaviours.Annotation] = PodBehaviours.ValueOf(behaviour) },
                },
                Spec = new V1PodSpec
                {
                    ImagePullSecrets = [new V1LocalObjectReference { Name = PullSecretName }],
                    Containers =
                    [
                        new V1Container
                        {
                            Name = "app",
                            Image = image,
                            Ports = [new V1ContainerPort { ContainerPort = 8080, Name = "http" }],
                        },
                    ],
                },
            },
        },
    };

    public static V1ConfigMap ConfigMap(string ns) => new()
    {
        Metadata = new V1ObjectMeta { Name = $"{App}-settings", NamespaceProperty = ns, Labels = Labels() },
        Data = new Dictionary<string, string> { ["LOG_LEVEL"] = "Information" },
    };

    public static V1ServiceAccount ServiceAccount(string ns) => new()
    {
        Metadata = new V1ObjectMeta { Name = App, NamespaceProperty = ns, Labels = Labels() },
        AutomountServiceAccountToken = false,
    };

    public static V2HorizontalPodAutoscaler Autoscaler(string ns, int maxReplicas = 5) => new()
    {
        Metadata = new V1ObjectMeta { Name = App, NamespaceProperty = ns, Labels = Labels() },
        Spec = new V2HorizontalPodAutoscalerSpec
        {
            ScaleTargetRef = new V2CrossVersionObjectReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = App },
            MinReplicas = 2,
            MaxReplicas = maxReplicas,
            Metrics =
            [
                new V2MetricSpec
                {
                    Type = "Resource",
                    Resource = new V2ResourceMetricSource { Name = "cpu", Target = new V2MetricTarget { Type = "Utilization", AverageUtilization = 80 } },
                },
            ],
        },
    };

    public static V1PodDisruptionBudget DisruptionBudget(string ns) => new()
    {
        Metadata = new V1ObjectMeta { Name = App, NamespaceProperty = ns, Labels = Labels() },
        Spec = new V1PodDisruptionBudgetSpec { MinAvailable = 1, Selector = new V1LabelSelector { MatchLabels = Labels() } },
    };

    /// <summary>A rendered set as Deploy gets it: <paramref name="documents"/> in apply order, with the pull Secret.</summary>
    public static ManifestSet Set(string ns, RegistryHost registry, RegistryCredentials credentials, params IKubernetesObject<V1ObjectMeta>[] documents) =>
        new ManifestSet(documents).WithPullSecret(new PullSecret(DnsLabel.Parse(PullSecretName), DnsLabel.Parse(ns), registry, credentials));

    public static IReadOnlyList<IKubernetesObject<V1ObjectMeta>> All(string ns, RegistryHost registry, RegistryCredentials credentials, string image, PodBehaviour behaviour = PodBehaviour.Healthy) =>
        [Namespace(ns), PullSecret(ns, registry, credentials), Service(ns), Deployment(ns, image, behaviour)];

    private static Dictionary<string, string> Labels() => new() { ["app.kubernetes.io/name"] = App };
}
