using Pipeline.Engine;

namespace Pipeline.Components;

/// <summary>Whether rendered Deployments refer to their image by its pushed digest, for one service or many.</summary>
public interface IHazDigestPinning : IPipelineBuild
{
    /// <summary>Refer to the image by its pushed digest instead of its tag.</summary>
    [Parameter("Pin the Deployment's image by the pushed digest")]
    bool PinDigest => Parameter(false);
}
