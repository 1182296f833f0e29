using Pipeline.Registry;
using Pipeline.Version;

namespace Pipeline.GitHub;

/// <summary>What to publish as the GitHub release <c>v&lt;release&gt;</c>.</summary>
public sealed record GitHubReleaseRequest
{
    /// <summary>The repository the release belongs to.</summary>
    public required GitHubRepositoryName Repository { get; init; }

    /// <summary>The release; the tag is <c>v</c> + its SemVer form and pre-releases are marked as such.</summary>
    public required ReleaseVersion Version { get; init; }

    /// <summary>The pushed image, e.g. <c>nexus.example.com:8082/team/orders:v7.10.1</c>.</summary>
    public required ImageReference Image { get; init; }

    /// <summary>The pushed manifest's digest; null falls back to the digest <see cref="Image"/> carries, if any.</summary>
    public Digest? Digest { get; init; }

    /// <summary>The commit the release's tag is created at when the tag does not exist yet (the build's revision).</summary>
    public string? TargetCommitish { get; init; }

    /// <summary>A file (the rendered manifest) to attach; an asset of the same name is replaced.</summary>
    public string? ManifestPath { get; init; }

    /// <summary>The release's git tag: <c>v7.10.1</c>.</summary>
    public string TagName => ReleaseDraft.TagOf(Version);

    /// <summary>The digest the notes pin: <see cref="Digest"/>, else the one in <see cref="Image"/>.</summary>
    public Digest? EffectiveDigest => Digest ?? Image.Digest;
}
