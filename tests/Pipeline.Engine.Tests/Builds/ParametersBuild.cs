using Microsoft.Extensions.Logging;

namespace Pipeline.Engine.Tests.Builds;

/// <summary>Settable class properties of every supported kind; Show logs what was bound.</summary>
[DefaultTarget(nameof(Show))]
internal sealed class ParametersBuild : PipelineBuild
{
    [Parameter("Build configuration")]
    public BuildConfiguration Configuration { get; set; } = BuildConfiguration.Debug;

    [Parameter("Greeting to print")]
    public string Greeting { get; set; } = "hello";

    [Parameter("How often to retry", Minimum = 0, Maximum = 10)]
    public int Retries { get; set; } = 3;

    [Parameter("Do nothing for real")]
    public bool DryRun { get; set; }

    [Parameter("Where outputs go")]
    public AbsolutePath? OutputDirectory { get; set; }

    [Parameter("Image tags")]
    public string[] Tags { get; set; } = ["latest"];

    [Parameter("Service port")]
    public Port? ServicePort { get; set; }

    [Parameter("Timeout in seconds")]
    public int? TimeoutSeconds { get; set; }

    [Parameter("A settings file that must exist", MustExist = true)]
    public AbsolutePath? SettingsFile { get; set; }

    [Parameter("Renamed", Name = "Flavour")]
    public string Variant { get; set; } = "plain";

    private Target Show => _ => _.Executes(() => Log.LogInformation(
        "bound Configuration={Configuration} Greeting={Greeting} Retries={Retries} DryRun={DryRun} OutputDirectory={OutputDirectory} Tags={Tags} ServicePort={ServicePort} TimeoutSeconds={TimeoutSeconds} Variant={Variant}",
        Configuration, Greeting, Retries, DryRun, OutputDirectory, string.Join('+', Tags), ServicePort, TimeoutSeconds, Variant));
}
