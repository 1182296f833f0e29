using Pipeline.Components;
using Pipeline.Engine;

namespace ShopBuild;

/// <summary>
/// This repository's build: its services found (each project with a Dockerfile beside it), shipped changed-only,
/// rendered and deployed together (ServiceImages → ServiceManifests → ServiceGitHubRelease, skipped without GITHUB_TOKEN → ServiceDeploy). Partial: other concerns (the CI
/// declaration) go in files of their own.
/// </summary>
internal sealed partial class Build : PipelineBuild, IPublishServices, IGitHubReleaseServices
{
    public static int Main(string[] args) => Execute<Build>(args);
}
