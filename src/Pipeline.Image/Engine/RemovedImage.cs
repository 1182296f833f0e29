using Pipeline.Registry;

namespace Pipeline.Image;

/// <summary>What removing one tag did.</summary>
/// <param name="Tag">The tag that was removed.</param>
/// <param name="DeletedImageIds">Images deleted with it (empty when another tag still holds the image).</param>
public sealed record RemovedImage(ImageReference Tag, IReadOnlyList<string> DeletedImageIds);
