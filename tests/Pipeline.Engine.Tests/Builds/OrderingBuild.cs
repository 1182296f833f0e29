namespace Pipeline.Engine.Tests.Builds;

/// <summary>Declared out of running order on purpose: the plan must follow the relations, ties by declaration.</summary>
internal sealed class OrderingBuild : PipelineBuild
{
    private Target Publish => _ => _.DependsOn(Test, Pack).Executes(() => { });

    private Target Pack => _ => _.DependsOn(Compile).Executes(() => { });

    private Target Test => _ => _.DependsOn(Compile).Executes(() => { });

    private Target Compile => _ => _.DependsOn(Restore).Executes(() => { });

    private Target Restore => _ => _.Executes(() => { });

    private Target Lint => _ => _.Before(Compile).Executes(() => { });

    private Target Announce => _ => _.After(Publish).Executes(() => { });
}
