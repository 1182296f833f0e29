using k8s.Models;

namespace Pipeline.Manifests;

/// <summary>
/// Builds Pipeline's own Namespace, Service and Deployment from <see cref="DeploymentSettings"/>. Every map is
/// sorted by key so the YAML is byte-for-byte the same for the same settings.
/// </summary>
internal static class StandardManifests
{
    private const string PortName = "http";

    public static V1Namespace Namespace(DeploymentSettings settings) => new()
    {
        ApiVersion = "v1",
        Kind = "Namespace",
        // No labels: a namespace is often shared, and one service's labels would mislabel it.
        Metadata = new V1ObjectMeta { Name = settings.Namespace.Value },
    };

    public static V1Service Service(DeploymentSettings settings) => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = new V1ObjectMeta
        {
            Name = settings.Artifact.Value,
            NamespaceProperty = settings.Namespace.Value,
            Labels = Labels(settings),
        },
        Spec = new V1ServiceSpec
        {
            Type = "ClusterIP",
            Selector = Selector(settings),
            Ports =
            [
                new V1ServicePort { Name = PortName, Port = settings.ServicePort, TargetPort = settings.ContainerPort, Protocol = "TCP" },
            ],
        },
    };

    public static V1Deployment Deployment(DeploymentSettings settings)
    {
        var deployment = new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = new V1ObjectMeta
            {
                Name = settings.Artifact.Value,
                NamespaceProperty = settings.Namespace.Value,
                Labels = Labels(settings),
                Annotations = DeploymentAnnotations(settings),
            },
            Spec = new V1DeploymentSpec
            {
                Replicas = settings.Replicas,
                // Selectors are immutable: only the stable name, never the version, or the next release could not apply.
                Selector = new V1LabelSelector { MatchLabels = Selector(settings) },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta
                    {
                        Labels = Labels(settings),
                        Annotations = settings.ExtraAnnotations.Count > 0 ? Sorted(settings.ExtraAnnotations) : null,
                    },
                    Spec = new V1PodSpec
                    {
                        ImagePullSecrets = [new V1LocalObjectReference { Name = settings.PullSecretName.Value }],
                        Containers = [Container(settings)],
                    },
                },
            },
        };
        settings.ConfigureDeployment?.Invoke(deployment);
        return deployment;
    }

    private static V1Container Container(DeploymentSettings settings) => new()
    {
        Name = settings.Artifact.Value,
        Image = settings.DeployedImage.ToString(),
        Ports = [new V1ContainerPort { Name = PortName, ContainerPort = settings.ContainerPort, Protocol = "TCP" }],
        ReadinessProbe = new V1Probe
        {
            HttpGet = new V1HTTPGetAction { Path = settings.ReadinessProbePath, Port = settings.ContainerPort },
        },
        Resources = settings.Resources.ToModel(),
        Env = settings.Environment.Count > 0
            ? [.. settings.Environment.Select(variable => new V1EnvVar { Name = variable.Name, Value = variable.Value })]
            : null,
    };

    private static SortedDictionary<string, string> Labels(DeploymentSettings settings)
    {
        ManifestLabels.ValidateExtraLabels(settings.ExtraLabels);
        var labels = Sorted(settings.ExtraLabels);
        labels[ManifestLabels.Name] = settings.Artifact.Value;
        labels[ManifestLabels.Version] = ManifestLabels.VersionValue(settings.Release.ToString());
        labels[ManifestLabels.ManagedBy] = ManifestLabels.ManagedByValue;
        return labels;
    }

    private static SortedDictionary<string, string> Selector(DeploymentSettings settings) =>
        new(StringComparer.Ordinal) { [ManifestLabels.Name] = settings.Artifact.Value };

    private static SortedDictionary<string, string> DeploymentAnnotations(DeploymentSettings settings)
    {
        ManifestLabels.ValidateExtraAnnotations(settings.ExtraAnnotations);
        var annotations = Sorted(settings.ExtraAnnotations);
        annotations[ManifestLabels.ReleaseAnnotation] = settings.Release.ToString();
        if (settings.Revision is { } revision)
        {
            annotations[ManifestLabels.RevisionAnnotation] = revision.Sha;
        }

        if (settings.Digest is { } digest)
        {
            annotations[ManifestLabels.DigestAnnotation] = digest.ToString();
        }

        return annotations;
    }

    private static SortedDictionary<string, string> Sorted(IReadOnlyDictionary<string, string> source) =>
        new(source.ToDictionary(), StringComparer.Ordinal);
}
