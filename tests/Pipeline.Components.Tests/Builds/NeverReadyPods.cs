using Pipeline.KubeApiServerDouble;
using Pipeline.Manifests;

namespace Pipeline.Components.Tests.Builds;

/// <summary>
/// The Deployment change a team would make through the settings hook, here marking the pod template so the API
/// server double's kubelet keeps the container unready (the knob lives in the manifest, not in code).
/// </summary>
internal static class NeverReadyPods
{
    public static DeploymentSettings Apply(DeploymentSettings settings) => settings with
    {
        ConfigureDeployment = deployment =>
        {
            settings.ConfigureDeployment?.Invoke(deployment);
            var template = deployment.Spec.Template.Metadata;
            template.Annotations ??= new Dictionary<string, string>();
            template.Annotations[PodBehaviours.Annotation] = PodBehaviours.ValueOf(PodBehaviour.NeverReady);
        },
    };
}
