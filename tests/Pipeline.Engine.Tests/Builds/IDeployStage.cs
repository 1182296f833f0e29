using Microsoft.Extensions.Logging;

namespace Pipeline.Engine.Tests.Builds;

internal interface IDeployStage : IRenderStage
{
    [Parameter("Pods the Deployment runs", Minimum = 1)]
    int Replicas => Parameter(1);

    Target Deploy => _ => _
        .Description("Applies manifests")
        .DependsOn(Render)
        .Executes(() => Log.LogInformation("ran Deploy with {Replicas} replicas", Replicas));
}
