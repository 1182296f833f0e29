using Microsoft.Extensions.Logging;
using Octokit;

namespace Pipeline.GitHub;

/// <summary>
/// Publishes the GitHub release <c>v&lt;release&gt;</c>: its notes name the image, its digest and the revision, and the
/// rendered manifest is attached. Idempotent: a re-run updates the existing release's notes and replaces the asset
/// of the same name instead of failing on the taken tag.
/// </summary>
public sealed class GitHubReleasePublisher
{
    private readonly IGitHubClient _client;
    private readonly GitHubApiCall _api;
    private readonly ILogger _logger;

    /// <summary>Creates a publisher over an authenticated Octokit client (see <see cref="GitHubConnection"/>).</summary>
    public GitHubReleasePublisher(IGitHubClient client, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(logger);
        _client = client;
        _api = new GitHubApiCall(client);
        _logger = logger;
    }

    /// <summary>Creates the release, or updates the one that already has its tag, and attaches the manifest.</summary>
    /// <exception cref="GitHubException">The manifest is missing, or GitHub refused or failed a request.</exception>
    public async Task<GitHubReleaseResult> PublishAsync(GitHubReleaseRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var manifest = ManifestFile(request);
        var notes = ReleaseNotes.Compose(request, manifest?.Name);

        var existing = await FindReleaseAsync(request, cancellationToken).ConfigureAwait(false);
        var release = existing is null
            ? await CreateAsync(request, notes, cancellationToken).ConfigureAwait(false)
            : await UpdateAsync(request, existing, notes, cancellationToken).ConfigureAwait(false);

        var asset = manifest is null ? null : await AttachAsync(request.Repository, release, manifest, cancellationToken).ConfigureAwait(false);
        return new GitHubReleaseResult(release.Id, release.TagName, new Uri(release.HtmlUrl), existing is null,
            asset is null ? null : new Uri(asset.BrowserDownloadUrl));
    }

    private static FileInfo? ManifestFile(GitHubReleaseRequest request)
    {
        if (request.ManifestPath is null)
        {
            return null;
        }

        // Checked before any request, so a wrong path does not leave a release without its manifest.
        var file = new FileInfo(request.ManifestPath);
        return file.Exists
            ? file
            : throw new GitHubException(
                GitHubFailureKind.ManifestNotFound,
                $"the manifest to attach to release {request.TagName}, '{file.FullName}', does not exist: render it first "
                + "(the Render target) or pass the path it was written to.");
    }

    private async Task<Release?> FindReleaseAsync(GitHubReleaseRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await _api.RunAsync($"looking up release {request.TagName}", request.Repository,
                () => _client.Repository.Release.Get(request.Repository.Owner, request.Repository.Name, request.TagName),
                cancellationToken).ConfigureAwait(false);
        }
        catch (GitHubException error) when (error.Kind == GitHubFailureKind.NotFound)
        {
            // No release has this tag yet. (A missing repository also answers 404; creating then says so.)
            return null;
        }
    }

    private async Task<Release> CreateAsync(GitHubReleaseRequest request, string notes, CancellationToken cancellationToken)
    {
        var release = new NewRelease(request.TagName)
        {
            Name = request.TagName,
            Body = notes,
            Prerelease = request.Version.IsPrerelease,
            Draft = false,
            TargetCommitish = string.IsNullOrWhiteSpace(request.TargetCommitish) ? null : request.TargetCommitish,
        };
        var created = await _api.RunAsync($"creating release {request.TagName}", request.Repository,
            () => _client.Repository.Release.Create(request.Repository.Owner, request.Repository.Name, release),
            cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("Created GitHub release {Tag} in {Repository}: {Url}", created.TagName, request.Repository, created.HtmlUrl);
        return created;
    }

    private async Task<Release> UpdateAsync(GitHubReleaseRequest request, Release existing, string notes, CancellationToken cancellationToken)
    {
        // The tag already exists, so its commit stays as it is: only the notes and the pre-release flag follow this run.
        var update = new ReleaseUpdate
        {
            Name = request.TagName,
            Body = notes,
            Prerelease = request.Version.IsPrerelease,
        };
        var updated = await _api.RunAsync($"updating release {request.TagName}", request.Repository,
            () => _client.Repository.Release.Edit(request.Repository.Owner, request.Repository.Name, existing.Id, update),
            cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("Updated GitHub release {Tag} in {Repository}: {Url}", updated.TagName, request.Repository, updated.HtmlUrl);
        return updated;
    }

    private async Task<ReleaseAsset> AttachAsync(GitHubRepositoryName repository, Release release, FileInfo manifest, CancellationToken cancellationToken)
    {
        var (owner, name) = (repository.Owner, repository.Name);
        var assets = await _api.RunAsync($"listing the assets of release {release.TagName}", repository,
            () => _client.Repository.Release.GetAllAssets(owner, name, release.Id), cancellationToken).ConfigureAwait(false);

        // GitHub refuses a second asset with the same name, so a re-run deletes the old one first.
        foreach (var stale in assets.Where(a => string.Equals(a.Name, manifest.Name, StringComparison.Ordinal)))
        {
            await _api.RunAsync($"deleting the previous asset {stale.Name} of release {release.TagName}", repository,
                () => _client.Repository.Release.DeleteAsset(owner, name, stale.Id), cancellationToken).ConfigureAwait(false);
            _logger.LogInformation("Replacing asset {Asset} of release {Tag}", stale.Name, release.TagName);
        }

        var content = manifest.OpenRead();
        await using (content.ConfigureAwait(false))
        {
            var upload = new ReleaseAssetUpload(manifest.Name, AssetContentType.For(manifest.Name), content, timeout: null);
            var asset = await _api.RunAsync($"uploading {manifest.Name} to release {release.TagName}", repository,
                () => _client.Repository.Release.UploadAsset(release, upload, cancellationToken), cancellationToken).ConfigureAwait(false);
            _logger.LogInformation("Attached {Asset} ({Size} bytes) to release {Tag}", asset.Name, asset.Size, release.TagName);
            return asset;
        }
    }
}
