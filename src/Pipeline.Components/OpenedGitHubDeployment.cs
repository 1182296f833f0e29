using Octokit;
using Pipeline.GitHub;

namespace Pipeline.Components;

/// <summary>What GitHubRelease hands GitHubDeploymentStatus: the client and the deployment whose status follows Deploy.</summary>
/// <param name="Client">The client GitHubRelease connected with.</param>
/// <param name="Deployment">The deployment it opened for the namespace.</param>
internal sealed record OpenedGitHubDeployment(IGitHubClient Client, GitHubDeployment Deployment);
