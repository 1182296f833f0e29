using Pipeline.Components;
using Pipeline.Engine;
using Pipeline.Image;

namespace PipelineRepoBuild;

/// <summary>The Publish chain (IPublishToKubernetes) ships the sample app in samples/Orders.Api.</summary>
internal sealed partial class Build
{
    /// <inheritdoc />
    public AbsolutePath ApplicationProject => RootDirectory / "samples" / "Orders.Api" / "Orders.Api.csproj";

    // No base image can be pulled on our machines: this repo builds on the offline local base unless told otherwise.
    BaseImage? IImage.BaseImage => Parameter<BaseImage?>(BaseImage.Local, nameof(IImage.BaseImage));
}
