using Microsoft.Extensions.Logging;

namespace Pipeline.Engine.Tests.Builds;

internal interface IRenderStage : IPushStage
{
    Target Render => _ => _
        .Description("Renders manifests")
        .DependsOn(Push)
        .Executes(() => Log.LogInformation("ran Render"));
}
