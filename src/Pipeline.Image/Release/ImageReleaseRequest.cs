namespace Pipeline.Image;

/// <summary>What <see cref="ImageRelease"/> is asked to make: the release image, unless the registry already holds it.</summary>
public sealed record ImageReleaseRequest
{
    /// <summary>The build; its first tag is the release image (<c>registry/artifact:v&lt;release&gt;</c>), the others extra tags.</summary>
    public required ImageBuildRequest Build { get; init; }

    /// <summary>Replace the release tag even when the registry holds other content under it.</summary>
    public bool OverwriteTag { get; init; }

    /// <summary>
    /// Checks of the set-up (engine, registry) run beside the preparation and the registry lookup; when they fail,
    /// the work beside them stops and their error is the one reported. Null runs none.
    /// </summary>
    public Func<CancellationToken, Task>? Preflight { get; init; }

    /// <summary>The release image: the build's first tag.</summary>
    public Pipeline.Registry.ImageReference ReleaseImage => Build.Tags.Count > 0
        ? Build.Tags[0]
        : throw new ImageBuildException(ImageBuildFailureKind.InvalidInput, "the image build names no tag: give it the release image registry/artifact:v<release>");
}
