using Microsoft.Extensions.Logging;
using Octokit;

namespace Pipeline.GitHub;

/// <summary>
/// Records a deploy on GitHub: a deployment of a ref to an environment (the namespace), then its statuses. The
/// deployment asks for no status checks and no merge, so it works on any ref of any repository.
/// </summary>
public sealed class GitHubDeploymentReporter
{
    /// <summary>GitHub keeps at most this many characters of a status description.</summary>
    public const int MaxDescriptionLength = 140;

    private readonly IGitHubClient _client;
    private readonly GitHubApiCall _api;
    private readonly ILogger _logger;

    /// <summary>Creates a reporter over an authenticated Octokit client (see <see cref="GitHubConnection"/>).</summary>
    public GitHubDeploymentReporter(IGitHubClient client, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(logger);
        _client = client;
        _api = new GitHubApiCall(client);
        _logger = logger;
    }

    /// <summary>Creates the deployment of <see cref="GitHubDeploymentRequest.Ref"/> to its environment.</summary>
    /// <exception cref="GitHubException">GitHub refused or failed the request.</exception>
    public async Task<GitHubDeployment> CreateAsync(GitHubDeploymentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Environment);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Ref);
        var deployment = new NewDeployment(request.Ref)
        {
            Environment = request.Environment,
            Description = Shorten(request.Description),
            // No required contexts and no auto-merge: the deploy already happened, so GitHub must not gate or merge.
            RequiredContexts = [],
            AutoMerge = false,
            ProductionEnvironment = request.ProductionEnvironment,
        };
        var created = await _api.RunAsync($"creating a deployment of {request.Ref} to {request.Environment}", request.Repository,
            () => _client.Repository.Deployment.Create(request.Repository.Owner, request.Repository.Name, deployment),
            cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("Created GitHub deployment {Id} of {Ref} to {Environment} in {Repository}",
            created.Id, request.Ref, request.Environment, request.Repository);
        return new GitHubDeployment(request.Repository, created.Id, request.Environment, request.Ref);
    }

    /// <summary>Sets the deployment's status (GitHub shows the latest on the environment).</summary>
    /// <exception cref="GitHubException">GitHub refused or failed the request.</exception>
    public async Task ReportAsync(GitHubDeployment deployment, GitHubDeploymentStatus status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(status);
        var update = new NewDeploymentStatus(ToOctokit(status.State))
        {
            Description = Shorten(status.Description),
            EnvironmentUrl = status.EnvironmentUrl?.ToString(),
            LogUrl = status.LogUrl?.ToString(),
        };
        var repository = deployment.Repository;
        await _api.RunAsync($"reporting {status.State} on deployment {deployment.Id} ({deployment.Environment})", repository,
            () => _client.Repository.Deployment.Status.Create(repository.Owner, repository.Name, deployment.Id, update),
            cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("GitHub deployment {Id} to {Environment}: {State}", deployment.Id, deployment.Environment, status.State);
    }

    private static DeploymentState ToOctokit(GitHubDeploymentState state) => state switch
    {
        GitHubDeploymentState.InProgress => DeploymentState.InProgress,
        GitHubDeploymentState.Success => DeploymentState.Success,
        GitHubDeploymentState.Failure => DeploymentState.Failure,
        GitHubDeploymentState.Inactive => DeploymentState.Inactive,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "not a deployment state GitHub accepts"),
    };

    private static string? Shorten(string? description) =>
        description is null || description.Length <= MaxDescriptionLength
            ? description
            : string.Concat(description.AsSpan(0, MaxDescriptionLength - 1), "…");
}
