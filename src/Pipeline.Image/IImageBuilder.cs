namespace Pipeline.Image;

/// <summary>
/// Makes an image from a Dockerfile and its context. Two builders do this job: the engine builder (the Engine API;
/// a local image, pushed afterwards) and the direct builder (writes the layers itself and pushes them straight to the
/// registry, no engine). They take the same request, share the fingerprint, labels and errors, and say what they made
/// in the same result.
/// </summary>
public interface IImageBuilder
{
    /// <summary>Which builder this is, for the log and the summary.</summary>
    ImageBuilderKind Kind { get; }

    /// <summary>
    /// Decides everything a build can decide before it makes anything: the context, the base image, the fingerprint
    /// (still being worked out). The caller compares the fingerprint with the registry while the build gets ready.
    /// </summary>
    /// <exception cref="ImageBuildException">The input is invalid or the base image is unavailable.</exception>
    Task<IPreparedImage> PrepareAsync(ImageBuildRequest request, CancellationToken cancellationToken);
}
