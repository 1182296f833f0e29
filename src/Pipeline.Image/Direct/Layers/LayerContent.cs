namespace Pipeline.Image.Direct;

/// <summary>One layer the direct builder writes: its entries and the modification time every entry carries.</summary>
/// <param name="Files">The entries, in any order (the writer sorts them).</param>
/// <param name="Modified">The time each entry gets: part of the layer's bytes, so of its digest.</param>
public sealed record LayerContent(IReadOnlyList<LayerFile> Files, DateTimeOffset Modified);
