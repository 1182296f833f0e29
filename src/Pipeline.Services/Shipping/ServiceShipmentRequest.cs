using Pipeline.Engine;
using Pipeline.Image;
using Pipeline.Registry;
using Pipeline.Version;

namespace Pipeline.Services;

/// <summary>What <see cref="ServiceShipment"/> ships: the services' sources, the release, and how each image is published and built.</summary>
public sealed record ServiceShipmentRequest
{
    /// <summary>Each service's inputs, as <see cref="ServiceSources.ReadAsync"/> read them (with the same <see cref="BuildValues"/> as below).</summary>
    public required IReadOnlyList<ServiceSource> Sources { get; init; }

    /// <summary>The release: every service's image ends up under <c>v&lt;release&gt;</c>.</summary>
    public required ReleaseVersion Release { get; init; }

    /// <summary>Where each service is published: <c>PublishRoot/&lt;artifact&gt;</c>, the image's build context.</summary>
    public required AbsolutePath PublishRoot { get; init; }

    /// <summary>The configuration, runtime, base image and build arguments, the same for every service (and in its fingerprint).</summary>
    public required BuildValues Values { get; init; }

    /// <summary>The base image the builds use, parsed (<see cref="BuildValues.BaseImage"/> holds its text for the fingerprint).</summary>
    public BaseImage? BaseImage { get; init; }

    /// <summary>The login for a named base image's registry.</summary>
    public RegistryCredentials? BaseImageCredentials { get; init; }

    /// <summary>Which builder is asked for; <c>auto</c> takes the direct builder when the Dockerfile allows it.</summary>
    public ImageBuilderKind Builder { get; init; } = ImageBuilderKind.Auto;

    /// <summary>Replace a <c>v&lt;release&gt;</c> that holds other content.</summary>
    public bool OverwriteTag { get; init; }

    /// <summary>How many services are worked on side by side; at least 1.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>The commit built, for the image label.</summary>
    public GitRevision? Revision { get; init; }

    /// <summary>When the build happened, for the image label (passed in so builds are reproducible).</summary>
    public DateTimeOffset Created { get; init; } = DateTimeOffset.UnixEpoch;
}
