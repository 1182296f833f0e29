using Pipeline.Components;
using Pipeline.Engine;

namespace Pipeline.Components.Tests.Builds;

/// <summary>The Shop's chain with the GitHub release of every service added: one more interface, no code.</summary>
internal sealed class ShopGitHubReleaseBuild : PipelineBuild, IPublishServices, IGitHubReleaseServices;
