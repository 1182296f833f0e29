using Docker.DotNet;
using Microsoft.Extensions.Logging;
using Pipeline.Registry;

namespace Pipeline.Image;

/// <summary>
/// Undoes a build's local tags (<c>docker rmi</c> without force): a tag the build applied goes, and its image only
/// when no other tag or container holds it; a tag that held another image before the build is pointed back at it;
/// a tag still holding the image it held before (the build failed before tagging) is left alone.
/// </summary>
public sealed class ImageCleaner
{
    private readonly IContainerEngine _engine;
    private readonly ILogger _logger;

    /// <summary>Creates the cleaner.</summary>
    public ImageCleaner(IContainerEngine engine, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(logger);
        _engine = engine;
        _logger = logger;
    }

    /// <summary>Undoes each tag of <paramref name="tags"/>; returns the tags removed (or restored) and the images deleted with them.</summary>
    public async Task<IReadOnlyList<RemovedImage>> RemoveAsync(LocalTagSnapshot tags, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var removed = new List<RemovedImage>();
        foreach (var tag in tags.Tags)
        {
            var before = tags.ImageBefore(tag);
            var now = (await _engine.InspectImageAsync(tag.ToString(), cancellationToken))?.ID;
            if (now is null || now == before)
            {
                _logger.LogDebug("{Tag} holds what it held before the build: nothing to undo", tag.ToFamiliarString());
                continue;
            }

            try
            {
                var responses = await _engine.RemoveImageAsync(tag.ToString(), pruneUntaggedParents: true, cancellationToken);
                var deleted = responses.Select(response => response.Deleted).OfType<string>().ToList();
                var restored = before is not null && await RestoreAsync(before, tag, cancellationToken);
                _logger.LogInformation("Removed {Tag}{Deleted}{Restored}", tag.ToFamiliarString(),
                    deleted.Count == 0 ? " (the image is still tagged otherwise)" : $" and {deleted.Count} image(s)",
                    restored ? $"; it points again at {ShortId(before!)}, which it held before this build" : string.Empty);
                removed.Add(new RemovedImage(tag, deleted));
            }
            catch (DockerApiException exception) when (exception.StatusCode == System.Net.HttpStatusCode.Conflict)
            {
                // A container still uses the image: leave it, as docker rmi without -f does.
                _logger.LogWarning("Kept {Tag}: {Reason}. Remove the container using it, then clean again.", tag.ToFamiliarString(), exception.ResponseBody?.Trim());
            }
        }

        return removed;
    }

    // The image the tag held before may be gone meanwhile (another cleanup); then the tag stays removed.
    private async Task<bool> RestoreAsync(string imageId, ImageReference tag, CancellationToken cancellationToken)
    {
        if (await _engine.InspectImageAsync(imageId, cancellationToken) is null)
        {
            return false;
        }

        await _engine.TagImageAsync(imageId, tag, cancellationToken);
        return true;
    }

    private static string ShortId(string id) => id.StartsWith("sha256:", StringComparison.Ordinal) ? id[7..Math.Min(id.Length, 19)] : id;
}
