namespace Pipeline.GitHub;

/// <summary>A deployment to record on GitHub: which ref went to which environment.</summary>
public sealed record GitHubDeploymentRequest
{
    /// <summary>The repository the deployment belongs to.</summary>
    public required GitHubRepositoryName Repository { get; init; }

    /// <summary>The environment, named after the Kubernetes namespace deployed to, e.g. <c>orders-staging</c>.</summary>
    public required string Environment { get; init; }

    /// <summary>What was deployed: a commit SHA, a tag (<c>v7.10.1</c>) or a branch.</summary>
    public required string Ref { get; init; }

    /// <summary>A short description shown on GitHub, e.g. the image reference.</summary>
    public string? Description { get; init; }

    /// <summary>True for an environment end users reach; null leaves GitHub's default (<c>production</c> only).</summary>
    public bool? ProductionEnvironment { get; init; }
}
