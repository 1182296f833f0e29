namespace Pipeline.Image.Direct;

/// <summary>
/// One entry of a layer the direct builder writes: where it goes in the image, where its bytes come from, and the
/// owner and mode it gets. Timestamps are not kept: a layer's entries all get its one fixed time (<see cref="LayerContent"/>), so the same
/// files give the same layer.
/// </summary>
/// <param name="ImagePath">The absolute path in the image, <c>/</c>-separated, e.g. <c>/app/Orders.Api.dll</c>.</param>
/// <param name="SourcePath">The file on disk whose content is copied; null for a directory.</param>
/// <param name="Mode">The Unix permission bits the entry gets.</param>
/// <param name="UserId">The owner's user id (0 unless <c>COPY --chown</c>).</param>
/// <param name="GroupId">The owner's group id.</param>
public sealed record LayerFile(string ImagePath, string? SourcePath, UnixFileMode Mode, int UserId, int GroupId)
{
    /// <summary>True for a directory entry.</summary>
    public bool IsDirectory => SourcePath is null;

    /// <summary>
    /// True for a directory Docker makes only when the image lacks it (a <c>COPY</c> destination and its parents, a
    /// <c>WORKDIR</c>): where the base already has that directory, Docker keeps the base's mode and owner, so a writer
    /// that knows the base's tree takes those instead of <see cref="Mode"/>, <see cref="UserId"/> and <see cref="GroupId"/>.
    /// </summary>
    public bool OnlyIfMissing { get; init; }
}
