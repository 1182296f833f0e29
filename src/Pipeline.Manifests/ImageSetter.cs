using k8s.Models;

namespace Pipeline.Manifests;

/// <summary>
/// Points a team's own Deployment at the pushed image, touching only the image of the service container and the
/// pull secret reference: everything else in their manifest is theirs.
/// </summary>
internal static class ImageSetter
{
    public static void Apply(V1Deployment deployment, DeploymentSettings settings, string source)
    {
        var name = deployment.Metadata?.Name ?? "(unnamed)";
        var podSpec = deployment.Spec?.Template?.Spec;
        var containers = podSpec?.Containers ?? [];
        if (podSpec is null || containers.Count == 0)
        {
            throw new ManifestException(
                ManifestFailureKind.NoContainer,
                $"Deployment '{name}' in '{source}' has no containers: add one named '{settings.Artifact}' under spec.template.spec.containers");
        }

        var container = ServiceContainer(containers, settings.Artifact.Value)
            ?? throw new ManifestException(
                ManifestFailureKind.AmbiguousContainer,
                $"Deployment '{name}' in '{source}' has containers {string.Join(", ", containers.Select(c => $"'{c.Name}'"))} "
                + $"and none is named '{settings.Artifact}', so it is unclear which one runs the new image: "
                + $"name the service container '{settings.Artifact}' (or name the artifact after it)");
        container.Image = settings.DeployedImage.ToString();

        var pullSecrets = podSpec.ImagePullSecrets ?? [];
        if (!pullSecrets.Any(reference => reference.Name == settings.PullSecretName.Value))
        {
            pullSecrets.Add(new V1LocalObjectReference { Name = settings.PullSecretName.Value });
        }

        podSpec.ImagePullSecrets = pullSecrets;
        settings.ConfigureDeployment?.Invoke(deployment);
    }

    private static V1Container? ServiceContainer(IList<V1Container> containers, string artifact) =>
        containers.FirstOrDefault(c => c.Name == artifact) ?? (containers.Count == 1 ? containers[0] : null);
}
