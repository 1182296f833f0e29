namespace Pipeline.GitHub;

/// <summary>The release as GitHub holds it after <see cref="GitHubReleasePublisher.PublishAsync(GitHubReleaseRequest, CancellationToken)"/>.</summary>
/// <param name="Id">GitHub's id of the release.</param>
/// <param name="TagName">The release's tag, e.g. <c>v7.10.1</c>.</param>
/// <param name="Url">The release's web page.</param>
/// <param name="Created">True when this call created the release, false when it updated an existing one.</param>
/// <param name="ManifestAssetUrl">Where the one-service release's manifest downloads from, or null when none was attached (or for several services: <see cref="ManifestAssetUrls"/>).</param>
public sealed record GitHubReleaseResult(long Id, string TagName, Uri Url, bool Created, Uri? ManifestAssetUrl)
{
    /// <summary>Where each attached manifest downloads from, in the order they were given.</summary>
    public IReadOnlyList<Uri> ManifestAssetUrls { get; init; } = [];
}
