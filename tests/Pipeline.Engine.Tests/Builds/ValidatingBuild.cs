using Microsoft.Extensions.Logging;

namespace Pipeline.Engine.Tests.Builds;

/// <summary>Targets whose checks read their parameters before anything runs; Prepare's side effect shows whether it ran.</summary>
[DefaultTarget(nameof(Ship))]
internal sealed class ValidatingBuild : PipelineBuild
{
    [Parameter("Mode Ship checks")]
    public string Mode { get; set; } = "good";

    [Parameter("Size Ship checks")]
    public string Size { get; set; } = "small";

    private Target Prepare => _ => _.Executes(() => Log.LogInformation("ran Prepare"));

    private Target Ship => _ => _
        .DependsOn(Prepare)
        .Validates(() =>
        {
            if (Mode != "good")
            {
                throw new InvalidOperationException($"--mode '{Mode}' is not a mode: write --mode good");
            }
        })
        .Validates(async cancellationToken =>
        {
            await Task.Yield();
            if (Size != "small")
            {
                throw new FormatException($"--size '{Size}' is too big: write --size small");
            }
        })
        .Executes(() => Log.LogInformation("ran Ship"));
}
