namespace Pipeline.GitHub;

/// <summary>A deployment GitHub created; statuses are reported against it.</summary>
/// <param name="Repository">The repository it belongs to.</param>
/// <param name="Id">GitHub's id of the deployment.</param>
/// <param name="Environment">The environment it targets.</param>
/// <param name="Ref">The ref it deploys.</param>
public sealed record GitHubDeployment(GitHubRepositoryName Repository, long Id, string Environment, string Ref);
