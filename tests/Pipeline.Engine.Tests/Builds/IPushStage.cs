using Microsoft.Extensions.Logging;

namespace Pipeline.Engine.Tests.Builds;

internal interface IPushStage : IImageStage
{
    [Parameter("Registry port")]
    Port RegistryPort => Parameter(new Port(5000));

    [Parameter("Registry password"), Secret]
    string? RegistryPassword => Parameter<string?>(null);

    [Parameter("Make Push fail")]
    bool FailPush => Parameter(false);

    [Parameter("Make Push wait until the build is cancelled")]
    bool HangPush => Parameter(false);

    Target Push => _ => _
        .Description("Pushes the image")
        .DependsOn(Image)
        .Requires(() => RegistryPassword)
        .Executes(async cancellationToken =>
        {
            if (FailPush)
            {
                throw new InvalidOperationException("registry refused the push");
            }

            if (HangPush)
            {
                Log.LogInformation("push waiting");
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            Log.LogInformation("ran Push to port {Port}", RegistryPort);
        });
}
