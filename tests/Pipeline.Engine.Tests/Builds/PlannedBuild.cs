namespace Pipeline.Engine.Tests.Builds;

/// <summary>A target whose check asks whether its producer runs in the same run (else what it reads must exist already).</summary>
internal sealed class PlannedBuild : PipelineBuild
{
    private Target Produce => _ => _.Executes(() => { });

    private Target Consume => _ => _
        .After(Produce)
        .Validates(() =>
        {
            if (!IsPlanned(Produce))
            {
                throw new ArgumentException("Consume: Produce does not run, and nothing it made exists: run Produce Consume");
            }
        })
        .Executes(() => { });
}
