using Pipeline.Registry;
using Pipeline.Version;

namespace Pipeline.Components;

/// <summary>The release image's name, <c>registry/artifact:v&lt;release&gt;</c>, for every target that names it (built, pushed or only deployed).</summary>
public interface IHazReleaseImage : IHazRegistry, IHazRelease, IHazArtifact
{
    /// <summary>The release image reference: <c>registry/artifact:v&lt;release&gt;</c>.</summary>
    ImageReference ReleaseImage(ReleaseVersion release) => ImageReference.Create(Registry, Artifact.Value, release.ImageTag);
}
