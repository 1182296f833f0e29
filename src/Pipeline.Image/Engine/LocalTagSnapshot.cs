using Pipeline.Registry;

namespace Pipeline.Image;

/// <summary>
/// The tags a build is about to apply, each with the image it held on this machine before (null when it held
/// none): what <see cref="ImageCleaner"/> needs to undo exactly what the build did. Taken right before the engine
/// may create anything; a user's own <c>latest</c> that the build did not move is then left alone, and one it
/// moved is pointed back.
/// </summary>
public sealed class LocalTagSnapshot
{
    private readonly Dictionary<ImageReference, string?> _before;

    private LocalTagSnapshot(Dictionary<ImageReference, string?> before) => _before = before;

    /// <summary>The tags the build applies, in order.</summary>
    public IReadOnlyList<ImageReference> Tags => [.. _before.Keys];

    /// <summary>The image ID <paramref name="tag"/> held before the build, or null when it held none.</summary>
    public string? ImageBefore(ImageReference tag) => _before.GetValueOrDefault(tag);

    /// <summary>Asks the engine which image each of <paramref name="tags"/> holds now.</summary>
    public static async Task<LocalTagSnapshot> TakeAsync(IContainerEngine engine, IEnumerable<ImageReference> tags, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(tags);
        var before = new Dictionary<ImageReference, string?>();
        foreach (var tag in tags.Distinct())
        {
            before[tag] = (await engine.InspectImageAsync(tag.ToString(), cancellationToken))?.ID;
        }

        return new LocalTagSnapshot(before);
    }
}
