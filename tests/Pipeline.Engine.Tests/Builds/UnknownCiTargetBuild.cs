using Pipeline.Engine.CiFiles;

namespace Pipeline.Engine.Tests.Builds;

/// <summary>A CI description with a misspelt target.</summary>
internal sealed class UnknownCiTargetBuild : PipelineBuild, IGenerateCiFiles
{
    public CiDescription CiDescription => new() { Stages = [new CiStage("Test", "Tset")] };

    private Target Test => _ => _.Executes(() => { });
}
