namespace Pipeline.Engine.Tests.Builds;

internal sealed class CycleBuild : PipelineBuild
{
    private Target Alpha => _ => _.DependsOn(Gamma).Executes(() => { });

    private Target Beta => _ => _.DependsOn(Alpha).Executes(() => { });

    private Target Gamma => _ => _.DependsOn(Beta).Executes(() => { });

    private Target Unrelated => _ => _.Executes(() => { });
}
