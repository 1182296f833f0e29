using Pipeline.Engine;
using Pipeline.Image;

namespace Pipeline.Components;

/// <summary>
/// What an image is built on and how, for the one-service Image and for every service's image (ServiceImages): the
/// base, the build arguments, the builder, and whether a release tag holding other content may be replaced.
/// </summary>
public interface IHazImageBuild : IHazPublishConfiguration
{
    /// <summary>
    /// <c>local</c> builds an offline base from this machine's files; an image reference is read (direct builder) or
    /// pulled (engine) with the login for its registry (the push credentials only when it is the push registry).
    /// </summary>
    [Parameter("Base image: 'local' (offline base from this machine) or an image reference; default: the Dockerfile's own")]
    BaseImage? BaseImage => Parameter<BaseImage?>(null);

    /// <summary>Build arguments as <c>KEY=VALUE</c>.</summary>
    [Parameter("Docker build arguments KEY=VALUE, repeatable")]
    BuildArgument[] BuildArgs => Parameter<BuildArgument[]>([]);

    /// <summary><c>auto</c> by default: the direct builder (no Docker engine) unless the Dockerfile needs a container.</summary>
    [Parameter("Image builder: auto (direct unless the Dockerfile needs a container, saying why), direct (no Docker engine), engine")]
    ImageBuilderKind Builder => Parameter(ImageBuilderKind.Auto);

    /// <summary>Replace the release tag even when the registry holds other content under it.</summary>
    [Parameter("Replace v<release> in the registry even when it holds other content")]
    bool OverwriteTag => Parameter(false);
}
