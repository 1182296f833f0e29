using Microsoft.Extensions.Logging;

namespace Pipeline.Engine.Tests.Builds;

internal interface ICleanImagesStage : IPushStage
{
    Target CleanImages => _ => _
        .Description("Removes local images")
        .AlwaysAfter(Image, Push)
        .Executes(cancellationToken =>
        {
            Log.LogInformation("ran CleanImages (token cancelled: {Cancelled})", cancellationToken.IsCancellationRequested);
            return Task.CompletedTask;
        });
}
