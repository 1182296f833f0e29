using Pipeline.Components;

namespace Pipeline.Components.Tests.Builds;

/// <summary>The consumer build with the GitHub release component added: one more interface, no code.</summary>
internal class GitHubReleaseBuild : SampleBuild, IGitHubRelease;
