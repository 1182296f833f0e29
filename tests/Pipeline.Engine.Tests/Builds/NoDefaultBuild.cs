namespace Pipeline.Engine.Tests.Builds;

internal sealed class NoDefaultBuild : PipelineBuild
{
    private Target Compile => _ => _.Description("Compiles").Executes(() => { });
}
