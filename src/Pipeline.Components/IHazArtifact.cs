using Pipeline.Engine;

namespace Pipeline.Components;

/// <summary>The name the chain ships under, for builds that compile it and for builds that only deploy it.</summary>
public interface IHazArtifact : IHazArtifacts
{
    /// <summary>The image repository name under the registry (e.g. <c>orders-api</c>): from the application project, else the build's root folder.</summary>
    [Parameter("Artifact name: the image repository and the Kubernetes app name")]
    ArtifactName Artifact => Parameter(this is IHazApplication application
        ? ArtifactName.FromProject(application.ApplicationProject)
        : ArtifactName.FromFolder(RootDirectory));
}
