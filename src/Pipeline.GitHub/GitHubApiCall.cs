using Octokit;

namespace Pipeline.GitHub;

/// <summary>
/// Runs one Octokit call and turns its failures into a <see cref="GitHubException"/> that says what was being done
/// and how to fix it. Octokit takes no cancellation token on most calls, so cancellation stops the wait.
/// </summary>
internal sealed class GitHubApiCall
{
    private readonly IGitHubClient _client;

    internal GitHubApiCall(IGitHubClient client) => _client = client;

    internal async Task<T> RunAsync<T>(string action, GitHubRepositoryName repository, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return await call().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ApiException error) when (error is not NotFoundException)
        {
            throw Explain(error, action, repository);
        }
        catch (NotFoundException error)
        {
            throw new GitHubException(
                GitHubFailureKind.NotFound,
                $"GitHub answered 404 while {action} in {repository}: the repository does not exist at {ApiAddress} "
                + "or the token cannot see it. Check GITHUB_REPOSITORY and the token's repository access.",
                error);
        }
        catch (HttpRequestException error)
        {
            throw new GitHubException(
                GitHubFailureKind.Unavailable,
                $"could not reach the GitHub API at {ApiAddress} while {action} in {repository} ({error.Message}): "
                + "check the network and GITHUB_API_URL.",
                error);
        }
    }

    internal Task RunAsync(string action, GitHubRepositoryName repository, Func<Task> call, CancellationToken cancellationToken) =>
        RunAsync(action, repository, async () => { await call().ConfigureAwait(false); return true; }, cancellationToken);

    private string ApiAddress => _client.Connection.BaseAddress is { } address
        ? $"{address.Scheme}://{address.Authority}{address.AbsolutePath}"
        : "the configured address";

    private GitHubException Explain(ApiException error, string action, GitHubRepositoryName repository)
    {
        var answer = $"GitHub answered {(int)error.StatusCode} while {action} in {repository} at {ApiAddress}: {error.Message}";
        return error switch
        {
            AuthorizationException => new GitHubException(
                GitHubFailureKind.Unauthorized,
                $"{answer}. The token was rejected: set GITHUB_TOKEN to a valid, unexpired token for this GitHub server.",
                error),
            ForbiddenException => new GitHubException(
                GitHubFailureKind.Forbidden,
                $"{answer}. Give the token 'contents: write' (releases) and 'deployments: write' (deployments); "
                + "in a workflow, add them to its permissions block.",
                error),
            ApiValidationException validation => new GitHubException(
                GitHubFailureKind.Rejected,
                $"{answer}{Details(validation)}. Check the release tag, target revision and environment name.",
                error),
            _ => new GitHubException(GitHubFailureKind.Unavailable, $"{answer}. Retry later or check the GitHub server's status.", error),
        };
    }

    private static string Details(ApiValidationException validation) =>
        validation.ApiError?.Errors is { Count: > 0 } errors
            ? " (" + string.Join("; ", errors.Select(e => $"{e.Resource}.{e.Field}: {e.Code} {e.Message}".Trim())) + ")"
            : string.Empty;
}
