using Pipeline.Registry;

namespace Pipeline.Image.Direct;

/// <summary>
/// The image a direct build starts from, as its <c>FROM</c> resolved: a registry image, the offline local base
/// (<see cref="BaseImage.Local"/>, written in-process), or <c>scratch</c> (nothing).
/// </summary>
public sealed record DirectBuildBase
{
    private DirectBuildBase(ImageReference? reference, bool isLocal) => (Reference, IsLocal) = (reference, isLocal);

    /// <summary>The offline base made from this machine's files.</summary>
    public static DirectBuildBase Local { get; } = new(null, isLocal: true);

    /// <summary><c>FROM scratch</c>: no base layers and no base settings.</summary>
    public static DirectBuildBase Scratch { get; } = new(null, isLocal: false);

    /// <summary>The registry image; null for <see cref="Local"/> and <see cref="Scratch"/>.</summary>
    public ImageReference? Reference { get; }

    /// <summary>True for the offline local base.</summary>
    public bool IsLocal { get; }

    /// <summary>True for <c>scratch</c>.</summary>
    public bool IsScratch => Reference is null && !IsLocal;

    /// <summary>A registry image.</summary>
    public static DirectBuildBase FromReference(ImageReference reference) => new(reference, isLocal: false);

    /// <inheritdoc />
    public override string ToString() => Reference?.ToString() ?? (IsLocal ? BaseImage.LocalKeyword : "scratch");
}
