using Octokit;
using Pipeline.Registry;

namespace Pipeline.GitHub;

/// <summary>
/// Builds the Octokit client a release needs from the build's environment: the token from <c>GITHUB_TOKEN</c>
/// (handed to Octokit as <see cref="Credentials"/>, never logged) and the API address from <c>GITHUB_API_URL</c>
/// (GitHub Enterprise, a test double) or api.github.com.
/// </summary>
public static class GitHubConnection
{
    /// <summary>The variable holding the token.</summary>
    public const string TokenVariable = "GITHUB_TOKEN";

    /// <summary>The variable GitHub Actions sets to the REST API address.</summary>
    public const string ApiUrlVariable = "GITHUB_API_URL";

    /// <summary>The product name sent in the User-Agent header GitHub requires.</summary>
    public const string ProductName = "Pipeline";

    /// <summary>
    /// A client authenticated with <c>GITHUB_TOKEN</c>, or null with <paramref name="skipReason"/> saying why
    /// (no token: the caller skips the GitHub steps rather than failing a build that has no GitHub access).
    /// </summary>
    /// <param name="environment">The build's environment variables.</param>
    /// <param name="apiBaseUri">The REST API address; wins over <c>GITHUB_API_URL</c>. Octokit appends
    /// <c>/api/v3/</c> to any host but github.com, as GitHub Enterprise Server serves it there.</param>
    /// <param name="skipReason">Why no client was made; empty when one was.</param>
    /// <exception cref="GitHubException">The API address is not an absolute http(s) URL.</exception>
    public static GitHubClient? TryCreate(ProcessEnvironment environment, Uri? apiBaseUri, out string skipReason)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var token = environment[TokenVariable]?.Trim();
        if (string.IsNullOrEmpty(token))
        {
            skipReason = $"no {TokenVariable}";
            return null;
        }

        var client = new GitHubClient(new ProductHeaderValue(ProductName), ApiAddress(environment, apiBaseUri))
        {
            Credentials = new Credentials(token),
        };
        skipReason = string.Empty;
        return client;
    }

    /// <inheritdoc cref="TryCreate(ProcessEnvironment, Uri?, out string)"/>
    public static GitHubClient? TryCreate(ProcessEnvironment environment, out string skipReason) =>
        TryCreate(environment, apiBaseUri: null, out skipReason);

    private static Uri ApiAddress(ProcessEnvironment environment, Uri? apiBaseUri)
    {
        if (apiBaseUri is not null)
        {
            return RequireHttp(apiBaseUri, "the GitHub API address");
        }

        var configured = environment[ApiUrlVariable]?.Trim();
        if (string.IsNullOrEmpty(configured))
        {
            return GitHubClient.GitHubApiUrl;
        }

        return Uri.TryCreate(configured, UriKind.Absolute, out var uri)
            ? RequireHttp(uri, ApiUrlVariable)
            : throw InvalidAddress(ApiUrlVariable, GitHubRemote.Redact(configured));
    }

    private static Uri RequireHttp(Uri address, string source)
    {
        if (!(address.IsAbsoluteUri && address.Scheme is "https" or "http" && address.UserInfo.Length == 0))
        {
            throw InvalidAddress(source, address.IsAbsoluteUri ? $"{address.Scheme}://{address.Authority}{address.AbsolutePath}" : GitHubRemote.Redact(address.OriginalString));
        }

        // The token travels in every request's Authorization header: in clear only to this machine.
        return address.Scheme == "https" || address.IsLoopback
            ? address
            : throw new GitHubException(
                GitHubFailureKind.InvalidApiAddress,
                $"{source} '{address.Scheme}://{address.Authority}{address.AbsolutePath}' is plain HTTP to another host, where {TokenVariable} "
                + "would cross the network in clear: use the API's https:// address (plain HTTP only on loopback, e.g. a test double).");
    }

    private static GitHubException InvalidAddress(string source, string value) =>
        new(
            GitHubFailureKind.InvalidApiAddress,
            $"{source} '{value}' is not an absolute http(s) URL without credentials: use the REST API address such as "
            + "https://api.github.com or https://github.example.com/api/v3 (the token belongs in GITHUB_TOKEN).");
}
