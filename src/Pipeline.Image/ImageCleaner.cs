using Docker.DotNet;
using Microsoft.Extensions.Logging;
using Pipeline.Registry;

namespace Pipeline.Image;

/// <summary>
/// Removes the local tags a build created (<c>docker rmi</c> without force): each tag goes, and its image goes
/// only when no other tag or container holds it. Tags that are already gone are fine.
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

    /// <summary>Removes each tag; returns the tags removed and the images deleted with them.</summary>
    public async Task<IReadOnlyList<RemovedImage>> RemoveAsync(IEnumerable<ImageReference> tags, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var removed = new List<RemovedImage>();
        foreach (var tag in tags.Distinct())
        {
            try
            {
                var responses = await _engine.RemoveImageAsync(tag.ToString(), pruneUntaggedParents: true, cancellationToken);
                if (responses.Count == 0)
                {
                    _logger.LogDebug("{Tag} is not on this machine: nothing to remove", tag.ToFamiliarString());
                    continue;
                }

                var deleted = responses.Select(response => response.Deleted).OfType<string>().ToList();
                _logger.LogInformation("Removed {Tag}{Deleted}", tag.ToFamiliarString(),
                    deleted.Count == 0 ? " (the image is still tagged otherwise)" : $" and {deleted.Count} image(s)");
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
}
