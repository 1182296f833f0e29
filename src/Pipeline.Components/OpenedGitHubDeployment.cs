using Octokit;
using Pipeline.GitHub;

namespace Pipeline.Components;

/// <summary>What GitHubRelease hands GitHubDeploymentStatus: the client and the deployment whose status follows Deploy.</summary>
internal sealed class GitHubReleaseState
{
    public IGitHubClient? Client { get; set; }

    public GitHubDeployment? Deployment { get; set; }
}
