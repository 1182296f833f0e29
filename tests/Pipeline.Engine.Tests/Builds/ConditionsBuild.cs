using Microsoft.Extensions.Logging;

namespace Pipeline.Engine.Tests.Builds;

[DefaultTarget(nameof(Release))]
internal sealed class ConditionsBuild : PipelineBuild
{
    private bool prepared;

    [Parameter("Skip the docs")]
    public bool SkipDocs { get; set; }

    private Target Prepare => _ => _.Executes(() => prepared = true);

    // Evaluated right before Deploy would run, so it sees what Prepare did.
    private Target Deploy => _ => _.DependsOn(Prepare).OnlyWhen(() => prepared, "not prepared").Executes(() => Log.LogInformation("ran Deploy"));

    private Target Docs => _ => _.OnlyWhen(() => !SkipDocs, "docs are disabled").Executes(() => Log.LogInformation("ran Docs"));

    private Target Image => _ => _.Executes(() =>
    {
        Log.LogInformation("checking the registry");
        throw new TargetSkippedException("orders-api:v3.2.1 already in the registry with the same content");
    });

    private Target Release => _ => _.DependsOn(Docs, Image).Executes(() => Log.LogInformation("ran Release"));
}
