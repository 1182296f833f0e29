using Microsoft.Extensions.Logging;

namespace Pipeline.Engine.Tests.Builds;

internal interface IImageStage : ICompileStage
{
    [Parameter("Image repository")]
    string ImageName => Parameter("orders-api");

    Target Image => _ => _
        .Description("Builds the image")
        .DependsOn(Compile)
        .Executes(() => Log.LogInformation("ran Image {ImageName}", ImageName));
}
