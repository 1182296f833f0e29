namespace Pipeline.Version;

/// <summary>A commit and its committer time.</summary>
/// <param name="Revision">The full commit id.</param>
/// <param name="CommittedAt">When it was committed (the committer date, not the author date).</param>
public sealed record GitCommit(GitRevision Revision, DateTimeOffset CommittedAt);
