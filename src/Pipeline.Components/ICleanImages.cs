using Microsoft.Extensions.Logging;
using Pipeline.Engine;
using Pipeline.Image;

namespace Pipeline.Components;

/// <summary>
/// CleanImages: undoes every local tag this build applied (removed, or pointed back at the image it held before),
/// and removes the image once no other tag holds it. It runs after Image and Push even when they failed or the build
/// was cancelled, so no image is left behind and none of the user's own tags is lost.
/// </summary>
public interface ICleanImages : IPush
{
    /// <summary>Removes the local images this build created.</summary>
    Target CleanImages => _ => _
        .Description("Remove the local images this build created (runs even when Image or Push failed)")
        .AlwaysAfter(Image, Push)
        .Executes(async cancellationToken =>
        {
            var ledger = State<LocalImageLedger>();
            if (ledger.Applied is not { } tags)
            {
                throw new TargetSkippedException("this build created no local image");
            }

            var engine = await ConnectEngineAsync(cancellationToken);
            var removed = await new ImageCleaner(engine, Log).RemoveAsync(tags, cancellationToken);
            if (removed.Count == 0)
            {
                Log.LogInformation("None of the {Count} tag(s) this build meant to apply was applied: nothing to remove", tags.Tags.Count);
            }
            else
            {
                Log.LogInformation("Removed {Count} local tag(s): {Tags}", removed.Count, string.Join(", ", removed.Select(image => image.Tag)));
            }

            ledger.Clear();
        });
}
