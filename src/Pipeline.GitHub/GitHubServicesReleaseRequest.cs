using Pipeline.Version;

namespace Pipeline.GitHub;

/// <summary>What to publish as the GitHub release <c>v&lt;release&gt;</c> of several services shipped together.</summary>
public sealed record GitHubServicesReleaseRequest
{
    /// <summary>The repository the release belongs to.</summary>
    public required GitHubRepositoryName Repository { get; init; }

    /// <summary>The release; the tag is <c>v</c> + its SemVer form and pre-releases are marked as such.</summary>
    public required ReleaseVersion Version { get; init; }

    /// <summary>Every service of the release, in the order the notes list them; at least one.</summary>
    public required IReadOnlyList<ReleasedService> Services { get; init; }

    /// <summary>The commit the release's tag is created at when the tag does not exist yet (the build's revision).</summary>
    public string? TargetCommitish { get; init; }

    /// <summary>Files (each service's rendered manifest) to attach, each under its file name; an asset of the same name is replaced.</summary>
    public IReadOnlyList<string> ManifestPaths { get; init; } = [];

    /// <summary>The release's git tag: <c>v2.0.0</c>.</summary>
    public string TagName => ReleaseDraft.TagOf(Version);
}
