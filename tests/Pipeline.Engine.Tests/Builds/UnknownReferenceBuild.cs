namespace Pipeline.Engine.Tests.Builds;

internal sealed class UnknownReferenceBuild : PipelineBuild
{
    // The lambda is not a Target property of the build, so the engine cannot schedule it.
    private Target Main => _ => _.DependsOn(definition => definition).Executes(() => { });
}
