namespace Pipeline.GitHub;

/// <summary>
/// A GitHub operation failed in a named way. <see cref="Exception.Message"/> names the input and the fix and never
/// contains the token.
/// </summary>
public sealed class GitHubException : Exception
{
    /// <summary>Creates an exception of <paramref name="kind"/>.</summary>
    public GitHubException(GitHubFailureKind kind, string message, Exception? innerException = null)
        : base(message, innerException) => Kind = kind;

    /// <summary>Creates an unnamed failure (kept for serialisation conventions).</summary>
    public GitHubException()
        : this(GitHubFailureKind.Unavailable, "the GitHub operation failed")
    {
    }

    /// <summary>Creates an unnamed failure with <paramref name="message"/>.</summary>
    public GitHubException(string message)
        : this(GitHubFailureKind.Unavailable, message)
    {
    }

    /// <summary>Creates an unnamed failure with <paramref name="message"/> caused by <paramref name="innerException"/>.</summary>
    public GitHubException(string message, Exception innerException)
        : this(GitHubFailureKind.Unavailable, message, innerException)
    {
    }

    /// <summary>Which failure this is.</summary>
    public GitHubFailureKind Kind { get; }
}
