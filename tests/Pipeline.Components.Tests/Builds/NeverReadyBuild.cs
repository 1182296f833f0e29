using Pipeline.Components;
using Pipeline.KubeApiServerDouble;
using Pipeline.Manifests;

namespace Pipeline.Components.Tests.Builds;

/// <summary>
/// The consumer build with the settings hook a team would use to change the Deployment: it marks the pod template
/// so the API server double's kubelet keeps the container unready (the knob lives in the manifest, not in code).
/// </summary>
internal sealed class NeverReadyBuild : SampleBuild, IRender
{
    /// <inheritdoc />
    DeploymentSettings IRender.DeploymentSettings(DeploymentSettings settings) => settings with
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
