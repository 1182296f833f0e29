using Pipeline.Components;
using Pipeline.Engine;

namespace Pipeline.Components.Tests.Builds;

/// <summary>A many-services build with CI fanned out per service; its root (the working directory) is a copy of samples/Shop.</summary>
internal sealed class FanOutShopBuild : PipelineBuild, IFanOutServices
{
    /// <inheritdoc />
    public AbsolutePath ApplicationProject => RootDirectory / "src" / "Catalog.Api" / "Catalog.Api.csproj";

    // Stand-ins, by name only, for the many-services release's targets (issue 16's contract: ServiceManifests and
    // ServiceDeploy, written beside this work): GenerateCiFiles checks that the deploy job's targets are declared and
    // these tests never run them. They go when the release's component is merged and this build derives from it.
    private Target ServiceManifests => _ => _.Executes(() => throw new NotSupportedException($"stand-in in {RootDirectory}: the CI-files tests only name ServiceManifests"));

    private Target ServiceDeploy => _ => _.Executes(() => throw new NotSupportedException($"stand-in in {RootDirectory}: the CI-files tests only name ServiceDeploy"));
}
