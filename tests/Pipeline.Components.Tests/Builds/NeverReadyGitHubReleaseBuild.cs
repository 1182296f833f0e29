using Pipeline.Components;
using Pipeline.KubeApiServerDouble;
using Pipeline.Manifests;

namespace Pipeline.Components.Tests.Builds;

/// <summary>The GitHub release build whose pods the API server double keeps unready, so Deploy fails after GitHubRelease.</summary>
internal sealed class NeverReadyGitHubReleaseBuild : GitHubReleaseBuild, IRender
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
