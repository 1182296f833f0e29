using Microsoft.Extensions.Logging;
using Octokit;

namespace Pipeline.GitHub;

/// <summary>
/// Publishes the GitHub release <c>v&lt;release&gt;</c>: its notes name the image (or each service's), its digest and the
/// revision, and the rendered manifest (each service's) is attached. Idempotent: a re-run updates the existing release's notes and replaces the asset
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
        var manifests = ManifestFiles(request.TagName, request.ManifestPath is null ? [] : [request.ManifestPath]);
        var notes = ReleaseNotes.Compose(request, manifests.SingleOrDefault()?.Name);
        var result = await PublishAsync(new ReleaseDraft(request.Repository, request.Version, request.TargetCommitish, notes), manifests, cancellationToken).ConfigureAwait(false);
        return result with { ManifestAssetUrl = result.ManifestAssetUrls.SingleOrDefault() };
    }

    /// <summary>
    /// Creates the release of several services, or updates the one that already has its tag: its notes list every
    /// service with its image, digest and what was done to it; each manifest is attached under its file name.
    /// </summary>
    /// <exception cref="ArgumentException">No service, or two manifests with the same file name (one asset would replace the other).</exception>
    /// <exception cref="GitHubException">A manifest is missing, or GitHub refused or failed a request.</exception>
    public async Task<GitHubReleaseResult> PublishAsync(GitHubServicesReleaseRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Services.Count == 0)
        {
            throw new ArgumentException($"release {request.TagName} names no service: give at least one", nameof(request));
        }

        var manifests = ManifestFiles(request.TagName, request.ManifestPaths);
        var notes = ReleaseNotes.Compose(request, [.. manifests.Select(manifest => manifest.Name)]);
        return await PublishAsync(new ReleaseDraft(request.Repository, request.Version, request.TargetCommitish, notes), manifests, cancellationToken).ConfigureAwait(false);
    }

    private async Task<GitHubReleaseResult> PublishAsync(ReleaseDraft draft, IReadOnlyList<FileInfo> manifests, CancellationToken cancellationToken)
    {
        var existing = await FindReleaseAsync(draft, cancellationToken).ConfigureAwait(false);
        var release = existing is null
            ? await CreateAsync(draft, cancellationToken).ConfigureAwait(false)
            : await UpdateAsync(draft, existing, cancellationToken).ConfigureAwait(false);

        var assets = new List<Uri>();
        foreach (var manifest in manifests)
        {
            var asset = await AttachAsync(draft.Repository, release, manifest, cancellationToken).ConfigureAwait(false);
            assets.Add(new Uri(asset.BrowserDownloadUrl));
        }

        return new GitHubReleaseResult(release.Id, release.TagName, new Uri(release.HtmlUrl), existing is null, ManifestAssetUrl: null) { ManifestAssetUrls = assets };
    }

    /// <summary>The files to attach, checked before any request, so a wrong path does not leave a release without its manifests.</summary>
    private static List<FileInfo> ManifestFiles(string tagName, IReadOnlyList<string> paths)
    {
        var files = paths.Select(path => new FileInfo(path)).ToList();
        if (files.FirstOrDefault(file => !file.Exists) is { } missing)
        {
            throw new GitHubException(
                GitHubFailureKind.ManifestNotFound,
                $"the manifest to attach to release {tagName}, '{missing.FullName}', does not exist: render it first "
                + "(the Render target) or pass the path it was written to.");
        }

        if (files.GroupBy(file => file.Name, StringComparer.Ordinal).FirstOrDefault(same => same.Count() > 1) is { } clash)
        {
            throw new ArgumentException(
                $"the manifests {string.Join(" and ", clash.Select(file => $"'{file.FullName}'"))} would both be attached to release {tagName} as {clash.Key}: give each its own file name",
                nameof(paths));
        }

        return files;
    }

    private async Task<Release?> FindReleaseAsync(ReleaseDraft draft, CancellationToken cancellationToken)
    {
        try
        {
            return await _api.RunAsync($"looking up release {draft.TagName}", draft.Repository,
                () => _client.Repository.Release.Get(draft.Repository.Owner, draft.Repository.Name, draft.TagName),
                cancellationToken).ConfigureAwait(false);
        }
        catch (GitHubException error) when (error.Kind == GitHubFailureKind.NotFound)
        {
            // No release has this tag yet. (A missing repository also answers 404; creating then says so.)
            return null;
        }
    }

    private async Task<Release> CreateAsync(ReleaseDraft draft, CancellationToken cancellationToken)
    {
        var release = new NewRelease(draft.TagName)
        {
            Name = draft.TagName,
            Body = draft.Notes,
            Prerelease = draft.Version.IsPrerelease,
            Draft = false,
            TargetCommitish = string.IsNullOrWhiteSpace(draft.TargetCommitish) ? null : draft.TargetCommitish,
        };
        var created = await _api.RunAsync($"creating release {draft.TagName}", draft.Repository,
            () => _client.Repository.Release.Create(draft.Repository.Owner, draft.Repository.Name, release),
            cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("Created GitHub release {Tag} in {Repository}: {Url}", created.TagName, draft.Repository, created.HtmlUrl);
        return created;
    }

    private async Task<Release> UpdateAsync(ReleaseDraft draft, Release existing, CancellationToken cancellationToken)
    {
        // The tag already exists, so its commit stays as it is: only the notes and the pre-release flag follow this run.
        var update = new ReleaseUpdate
        {
            Name = draft.TagName,
            Body = draft.Notes,
            Prerelease = draft.Version.IsPrerelease,
        };
        var updated = await _api.RunAsync($"updating release {draft.TagName}", draft.Repository,
            () => _client.Repository.Release.Edit(draft.Repository.Owner, draft.Repository.Name, existing.Id, update),
            cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("Updated GitHub release {Tag} in {Repository}: {Url}", updated.TagName, draft.Repository, updated.HtmlUrl);
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
