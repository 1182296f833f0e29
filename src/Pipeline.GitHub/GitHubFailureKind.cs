namespace Pipeline.GitHub;

/// <summary>What went wrong on the GitHub side of a release, for callers that react differently.</summary>
public enum GitHubFailureKind
{
    /// <summary>A repository name is not <c>owner/name</c>.</summary>
    InvalidRepositoryName,

    /// <summary>A git remote is not a GitHub URL this package can read <c>owner/name</c> from.</summary>
    UnrecognizedRemote,

    /// <summary><c>GITHUB_API_URL</c> (or the API address given) is not an absolute http(s) URL.</summary>
    InvalidApiAddress,

    /// <summary>The manifest file to attach to the release does not exist.</summary>
    ManifestNotFound,

    /// <summary>GitHub answered 401: the token is invalid or expired.</summary>
    Unauthorized,

    /// <summary>GitHub answered 403: the token lacks a permission (or a rate limit was hit).</summary>
    Forbidden,

    /// <summary>GitHub answered 404: the repository does not exist or the token cannot see it.</summary>
    NotFound,

    /// <summary>GitHub answered 422: it refused the request's content.</summary>
    Rejected,

    /// <summary>GitHub could not be reached, or answered with another error.</summary>
    Unavailable,
}
