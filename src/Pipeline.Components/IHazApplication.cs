using Pipeline.Engine;

namespace Pipeline.Components;

/// <summary>The application the chain ships: its project, its name in the registry, its Dockerfile.</summary>
public interface IHazApplication : IHazArtifact
{
    /// <summary>The project to publish into the image; every consuming build names it.</summary>
    AbsolutePath ApplicationProject { get; }

    /// <summary>The Dockerfile; by default the one beside the application project.</summary>
    [Parameter("Dockerfile to build (default: the one beside the application project)", MustExist = true)]
    AbsolutePath Dockerfile => Parameter((ApplicationProject.Parent ?? RootDirectory) / "Dockerfile");

    /// <summary>Where Compile publishes the application, and the image's build context by default.</summary>
    AbsolutePath PublishDirectory => ArtifactsDirectory / "publish" / Artifact.Value;
}
