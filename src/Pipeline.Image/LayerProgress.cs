namespace Pipeline.Image;

/// <summary>Progress of one layer during a push, for progress bars.</summary>
/// <param name="LayerId">The layer (short ID) the message is about.</param>
/// <param name="Status">What happens to it: <c>Preparing</c>, <c>Pushing</c>, <c>Pushed</c>, <c>Layer already exists</c>…</param>
/// <param name="Current">Bytes done, when the engine says.</param>
/// <param name="Total">Bytes in all, when the engine says.</param>
public sealed record LayerProgress(string LayerId, string Status, long? Current, long? Total);
