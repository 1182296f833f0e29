using Pipeline.Components;
using Pipeline.Engine;
using Pipeline.Image;

namespace PipelineRepoBuild;

/// <summary>The Publish chain (IPublishToKubernetes) ships the sample app in samples/Orders.Api.</summary>
internal sealed partial class Build
{
    /// <inheritdoc />
    // A parameter so that bench/release.sh can ship a private, edited copy of the sample.
    [Parameter("Application project to publish and ship", MustExist = true)]
    public AbsolutePath ApplicationProject => Parameter(RootDirectory / "samples" / "Orders.Api" / "Orders.Api.csproj");

    // No base image can be pulled on our machines: this repo builds on the offline local base unless told otherwise.
    BaseImage? IHazImageBuild.BaseImage => Parameter<BaseImage?>(BaseImage.Local, nameof(IHazImageBuild.BaseImage));
}
