using Pipeline.Components;
using Pipeline.Engine;

/// <summary>This repository's whole build: Pipeline's chain, with the members it needs overridden (no target copied).</summary>
internal sealed class Build : PipelineBuild, IPublishToKubernetes
{
    public static int Main(string[] args) => Execute<Build>(args);

    public AbsolutePath ApplicationProject => RootDirectory / "src" / "Inventory.Api" / "Inventory.Api.csproj";

    // New defaults; --artifact and --dockerfile still override them.
    ArtifactName IHazArtifact.Artifact => Parameter(ArtifactName.Parse("inventory"), nameof(IHazArtifact.Artifact));

    AbsolutePath IHazApplication.Dockerfile => Parameter(RootDirectory / "deploy" / "Dockerfile", nameof(IHazApplication.Dockerfile));
}
