using Pipeline.Version;

namespace Pipeline.GitHub;

/// <summary>What the publisher sends for either kind of release: where, which version, at which commit, and the composed notes.</summary>
internal sealed record ReleaseDraft(GitHubRepositoryName Repository, ReleaseVersion Version, string? TargetCommitish, string Notes)
{
    /// <summary>The release's git tag: <c>v7.10.1</c>.</summary>
    public string TagName => TagOf(Version);

    /// <summary>The git tag of a release, the same for one service or many: <c>v</c> + its SemVer form.</summary>
    internal static string TagOf(ReleaseVersion version) => "v" + version;
}
