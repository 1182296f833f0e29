namespace Pipeline.GitHub;

/// <summary>The release as GitHub holds it after <see cref="GitHubReleasePublisher.PublishAsync"/>.</summary>
/// <param name="Id">GitHub's id of the release.</param>
/// <param name="TagName">The release's tag, e.g. <c>v7.10.1</c>.</param>
/// <param name="Url">The release's web page.</param>
/// <param name="Created">True when this call created the release, false when it updated an existing one.</param>
/// <param name="ManifestAssetUrl">Where the attached manifest downloads from, or null when none was attached.</param>
public sealed record GitHubReleaseResult(long Id, string TagName, Uri Url, bool Created, Uri? ManifestAssetUrl);
