namespace Pipeline.Image;

/// <summary>A build decided but not run, from <see cref="IImageBuilder.PrepareAsync"/>.</summary>
public interface IPreparedImage
{
    /// <summary>The fingerprint of all inputs, being worked out; the image carries it as a label.</summary>
    Task<ContextFingerprint> Fingerprint { get; }

    /// <summary>
    /// Makes the image once <paramref name="proceed"/> says yes, getting ready meanwhile; after a no nothing is made
    /// (and null returned). After a failure the builder has removed what it made and its exception is thrown.
    /// </summary>
    /// <exception cref="ImageBuildException">A step failed or the engine or registry refused the build.</exception>
    Task<ImageBuildResult?> BuildAsync(Task<bool> proceed, CancellationToken cancellationToken);
}
