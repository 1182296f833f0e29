using Pipeline.Engine;

namespace Pipeline.Components;

/// <summary>Where a build writes what it produces: packages, published apps, rendered manifests.</summary>
public interface IHazArtifacts : IPipelineBuild
{
    /// <summary>The artifacts folder, <c>artifacts/</c> under the build root.</summary>
    AbsolutePath ArtifactsDirectory => RootDirectory / "artifacts";
}
