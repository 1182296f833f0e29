using Microsoft.Extensions.Logging;

namespace Pipeline.Engine.Tests.Builds;

internal interface ICompileStage : IPipelineBuild
{
    [Parameter("Make Compile fail")]
    bool FailCompile => Parameter(false);

    Target Compile => _ => _
        .Description("Compiles the service")
        .Executes(() =>
        {
            Log.LogInformation("ran Compile");
            if (FailCompile)
            {
                throw new InvalidOperationException("compiler error CS0001");
            }
        });
}
