using Pipeline.Components;
using Pipeline.Manifests;

namespace Pipeline.Components.Tests.Builds;

/// <summary>The GitHub release build whose pods the API server double keeps unready, so Deploy fails after GitHubRelease.</summary>
internal sealed class NeverReadyGitHubReleaseBuild : GitHubReleaseBuild, IRender
{
    /// <inheritdoc />
    DeploymentSettings IRender.DeploymentSettings(DeploymentSettings settings) => NeverReadyPods.Apply(settings);
}
