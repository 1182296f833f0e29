using Pipeline.Components;
using Pipeline.Engine;

namespace Pipeline.Components.Tests.Builds;

/// <summary>samples/Shop's build: CI fanned out per service, and the GitHub release of every service in the deploy job.</summary>
internal sealed class FanOutShopGitHubReleaseBuild : PipelineBuild, IFanOutServices, IGitHubReleaseServices;
