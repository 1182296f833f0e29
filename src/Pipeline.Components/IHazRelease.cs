using Microsoft.Extensions.Logging;
using Pipeline.Engine;
using Pipeline.Version;

namespace Pipeline.Components;

/// <summary>The release being shipped: <c>--release</c> / <c>RELEASE</c>, else the <c>vX.Y.Z</c> tag on HEAD.</summary>
public interface IHazRelease : IPipelineBuild
{
    /// <summary>The release given by the user; null means "take it from the git tag on HEAD".</summary>
    [Parameter("Release version (7.10.1, v7.10.1, 1.0.0-rc.1); default: the vX.Y.Z tag on HEAD")]
    ReleaseVersion? Release => Parameter<ReleaseVersion?>(null);

    /// <summary>Resolves the release once per build.</summary>
    Task<ReleaseVersion> ResolveReleaseAsync(CancellationToken cancellationToken) =>
        Once(() => new ReleaseVersionResolver(new GitRepository(RootDirectory), CliInputNames.Value).ResolveAsync(Release, cancellationToken));

    /// <summary>The git revision of HEAD, or null outside a git checkout (labels and annotations then omit it).</summary>
    async Task<GitRevision?> ResolveRevisionAsync(CancellationToken cancellationToken) =>
        (await ResolveHeadAsync(cancellationToken))?.Revision;

    /// <summary>
    /// The image's "created" time: <c>SOURCE_DATE_EPOCH</c> when set, else HEAD's commit time, else now. A time
    /// taken from the sources keeps rebuilds of one commit identical (and their last build step cached).
    /// </summary>
    async Task<DateTimeOffset> ResolveCreatedAsync(CancellationToken cancellationToken)
    {
        if (Environment.GetValueOrDefault("SOURCE_DATE_EPOCH") is { Length: > 0 } epoch
            && long.TryParse(epoch, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
        {
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }

        return (await ResolveHeadAsync(cancellationToken))?.CommittedAt ?? DateTimeOffset.UtcNow;
    }

    /// <summary>HEAD's commit, looked up once per build; null outside a git checkout.</summary>
    private Task<GitCommit?> ResolveHeadAsync(CancellationToken cancellationToken) => Once(async () =>
    {
        try
        {
            return await new GitRepository(RootDirectory).GetHeadCommitAsync(cancellationToken);
        }
        catch (VersionException exception)
        {
            Log.LogInformation("No git revision: {Reason}", exception.Message);
            return null;
        }
    });
}
