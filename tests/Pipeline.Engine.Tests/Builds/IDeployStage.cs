using Microsoft.Extensions.Logging;

namespace Pipeline.Engine.Tests.Builds;

internal interface IDeployStage : IRenderStage
{
    Target Deploy => _ => _
        .Description("Applies manifests")
        .DependsOn(Render)
        .Executes(() => Log.LogInformation("ran Deploy"));
}
