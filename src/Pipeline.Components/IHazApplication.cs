using Pipeline.Engine;

namespace Pipeline.Components;

/// <summary>The application the chain ships: its project, its name in the registry, its Dockerfile.</summary>
public interface IHazApplication : IHazArtifacts
{
    /// <summary>The project to publish into the image; every consuming build names it.</summary>
    AbsolutePath ApplicationProject { get; }

    /// <summary>The image repository name under the registry (e.g. <c>orders-api</c>).</summary>
    [Parameter("Artifact name: the image repository and the Kubernetes app name")]
    ArtifactName Artifact => Parameter(ArtifactName.FromProject(ApplicationProject));

    /// <summary>The Dockerfile; by default the one beside the application project.</summary>
    [Parameter("Dockerfile to build (default: the one beside the application project)", MustExist = true)]
    AbsolutePath Dockerfile => Parameter((ApplicationProject.Parent ?? RootDirectory) / "Dockerfile");

    /// <summary>Where Compile publishes the application, and the image's build context by default.</summary>
    AbsolutePath PublishDirectory => ArtifactsDirectory / "publish" / Artifact.Value;
}
