using Pipeline.Registry;
using Pipeline.Version;

namespace Pipeline.Image;

/// <summary>What to build, from where, and what to call and label the result.</summary>
public sealed record ImageBuildRequest
{
    /// <summary>The Dockerfile; it may live outside the context (it is added under a generated name).</summary>
    public required string Dockerfile { get; init; }

    /// <summary>The folder the Dockerfile's COPY instructions read (for .NET, the <c>dotnet publish</c> output).</summary>
    public required string ContextDirectory { get; init; }

    /// <summary>
    /// The platforms of a multi-platform image, each with its own context: one image per platform from the same
    /// Dockerfile, pushed under an image index (direct builder only). Empty builds one image for this machine's
    /// platform from <see cref="ContextDirectory"/>, as a plain manifest.
    /// </summary>
    public IReadOnlyList<PlatformContext> Platforms { get; init; } = [];

    /// <summary>The ignore file; <c>.dockerignore</c> in the context when null.</summary>
    public string? IgnoreFile { get; init; }

    /// <summary>The tags to give the image; at least one.</summary>
    public required IReadOnlyList<ImageReference> Tags { get; init; }

    /// <summary>Build arguments (<c>--build-arg</c>).</summary>
    public IReadOnlyDictionary<string, string> BuildArguments { get; init; } = new Dictionary<string, string>();

    /// <summary>The stage to build (<c>--target</c>); the last stage when null.</summary>
    public string? TargetStage { get; init; }

    /// <summary>
    /// The base image: <see cref="Image.BaseImage.Local"/> for the offline base, a reference the user named, or null to
    /// keep the Dockerfile's default (which must then be on this machine already: it is never pulled unasked).
    /// </summary>
    public BaseImage? BaseImage { get; init; }

    /// <summary>
    /// The login for a named base image's registry, sent to the engine for that registry only (so it can pull a
    /// private base); null or anonymous sends none.
    /// </summary>
    public RegistryCredentials? BaseImageCredentials { get; init; }

    /// <summary>The build argument the Dockerfile's FROM reads the base image from.</summary>
    public string BaseImageArgument { get; init; } = "BASE_IMAGE";

    /// <summary>Extra labels; the OCI and fingerprint labels are added to these.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>The release, for <c>org.opencontainers.image.version</c>.</summary>
    public ReleaseVersion? Version { get; init; }

    /// <summary>The commit built, for <c>org.opencontainers.image.revision</c>.</summary>
    public GitRevision? Revision { get; init; }

    /// <summary>Where the source lives, for <c>org.opencontainers.image.source</c>.</summary>
    public Uri? Source { get; init; }

    /// <summary>When the build happened, for <c>org.opencontainers.image.created</c> (passed in so builds are reproducible).</summary>
    public required DateTimeOffset Created { get; init; }

    /// <summary>Ignore the engine's layer cache.</summary>
    public bool NoCache { get; init; }
}
