namespace Pipeline.GitHub;

/// <summary>One status of a deployment, as <see cref="GitHubDeploymentReporter.ReportAsync"/> sends it.</summary>
/// <param name="State">Where the rollout is.</param>
/// <param name="Description">A short explanation; GitHub keeps 140 characters, so longer text is shortened.</param>
/// <param name="EnvironmentUrl">Where the deployed service answers, shown as the environment's link.</param>
/// <param name="LogUrl">Where the deploy's log is, e.g. the CI run.</param>
public sealed record GitHubDeploymentStatus(
    GitHubDeploymentState State,
    string? Description = null,
    Uri? EnvironmentUrl = null,
    Uri? LogUrl = null);
