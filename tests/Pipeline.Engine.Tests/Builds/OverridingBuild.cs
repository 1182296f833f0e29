using Microsoft.Extensions.Logging;

namespace Pipeline.Engine.Tests.Builds;

/// <summary>Replaces two component targets: Render implicitly (public property), Image explicitly.</summary>
internal sealed class OverridingBuild : PipelineBuild, IDeployStage
{
    public Target Render => _ => _.Executes(() => Log.LogInformation("ran custom Render"));

    Target IImageStage.Image => _ => _.Executes(() => Log.LogInformation("ran custom Image"));
}
