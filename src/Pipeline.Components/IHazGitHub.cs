using Microsoft.Extensions.Logging;
using Octokit;
using Pipeline.Engine;
using Pipeline.GitHub;
using Pipeline.Registry;
using Pipeline.Version;

namespace Pipeline.Components;

/// <summary>
/// The GitHub repository a release is published to, for one service (GitHubRelease) or many (ServiceGitHubRelease):
/// the token, the repository (<c>GITHUB_REPOSITORY</c>, else the origin remote; <c>GITHUB_API_URL</c> for GitHub
/// Enterprise) and the CI run's page the deployment statuses link to.
/// </summary>
public interface IHazGitHub : IPipelineBuild
{
    /// <summary>The token; the name gives <c>--github-token</c> and <c>GITHUB_TOKEN</c>, the variable every workflow run has.</summary>
    [Parameter("GitHub token for GitHubRelease and ServiceGitHubRelease (contents and deployments: write); set GITHUB_TOKEN", Name = "GithubToken"), Secret]
    string? GitHubToken => Parameter<string?>(null);

    /// <summary>
    /// A client with the token and the repository to publish to; without a token the calling target is skipped with
    /// that reason (<c>no GITHUB_TOKEN</c>) and nothing is sent to GitHub.
    /// </summary>
    /// <exception cref="TargetSkippedException">No token.</exception>
    async Task<(IGitHubClient Client, GitHubRepositoryName Repository)> ConnectGitHubAsync(CancellationToken cancellationToken)
    {
        var environment = StageEnvironment.Of(this);
        if (GitHubToken is { Length: > 0 } token)
        {
            environment = environment.With(GitHubConnection.TokenVariable, token);
        }

        var client = GitHubConnection.TryCreate(environment, out var skipReason) ?? throw new TargetSkippedException(skipReason);
        return (client, GitHubRepositoryName.Resolve(environment, await OriginRemoteAsync(environment, cancellationToken)));
    }

    /// <summary>The CI run's page (GitHub Actions run, Jenkins build), shown as the deployment's log link.</summary>
    Uri? RunLogUrl =>
        Environment.GetValueOrDefault("GITHUB_SERVER_URL") is { Length: > 0 } server
        && Environment.GetValueOrDefault("GITHUB_REPOSITORY") is { Length: > 0 } repository
        && Environment.GetValueOrDefault("GITHUB_RUN_ID") is { Length: > 0 } run
        && Uri.TryCreate($"{server.TrimEnd('/')}/{repository}/actions/runs/{run}", UriKind.Absolute, out var actions)
            ? actions
            : Uri.TryCreate(Environment.GetValueOrDefault("BUILD_URL"), UriKind.Absolute, out var jenkins) ? jenkins : null;

    /// <summary>The origin remote, read only when <c>GITHUB_REPOSITORY</c> does not name the repository.</summary>
    private async Task<string?> OriginRemoteAsync(ProcessEnvironment environment, CancellationToken cancellationToken)
    {
        if (environment.NonEmpty(GitHubRepositoryName.EnvironmentVariable) is not null)
        {
            return null;
        }

        try
        {
            return (await new GitRepository(RootDirectory).GetOriginUrlAsync(cancellationToken))?.ToString();
        }
        catch (VersionException exception)
        {
            Log.LogInformation("No git remote: {Reason}", exception.Message);
            return null;
        }
    }
}
