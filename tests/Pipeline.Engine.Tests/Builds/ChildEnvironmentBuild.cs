namespace Pipeline.Engine.Tests.Builds;

/// <summary>Runs a child that writes the environment it got into <see cref="EnvironmentFile"/>.</summary>
[DefaultTarget(nameof(DumpChildEnvironment))]
internal sealed class ChildEnvironmentBuild : PipelineBuild
{
    [Parameter("Deploy token"), Secret]
    public string? DeployToken { get; set; }

    [Parameter("Where the child writes its /proc/self/environ")]
    public string EnvironmentFile { get; set; } = "";

    private Target DumpChildEnvironment => _ => _
        .Executes(async cancellationToken =>
        {
            AddSecret("registered-later-7f3a9c");
            await CliWrap.Cli.Wrap("sh").WithArguments(["-c", "cat /proc/self/environ > \"$0\"", EnvironmentFile])
                .ExecuteLoggedAsync(Log, cancellationToken);
        });
}
