using Pipeline.Components;
using Pipeline.Manifests;

namespace Pipeline.Components.Tests.Builds;

/// <summary>The consumer build whose pods never become ready, through the settings hook a team would use.</summary>
internal sealed class NeverReadyBuild : SampleBuild, IRender
{
    /// <inheritdoc />
    DeploymentSettings IRender.DeploymentSettings(DeploymentSettings settings) => NeverReadyPods.Apply(settings);
}
