namespace Pipeline.Engine.Tests.Builds;

internal sealed class TriggersBuild : PipelineBuild
{
    private Target Compile => _ => _.Executes(() => { });

    private Target Pack => _ => _.DependsOn(Compile).Triggers(Notify).Executes(() => { });

    private Target Notify => _ => _.Executes(() => { });

    private Target Audit => _ => _.TriggeredBy(Compile).Executes(() => { });
}
