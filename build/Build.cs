using CliWrap;
using Pipeline.Components;
using Pipeline.Engine;

namespace PipelineRepoBuild;

/// <summary>This repo's build: <c>./build.sh [targets…]</c>. Targets are split by concern into partial files.</summary>
[DefaultTarget(nameof(CompileSolution))]
internal sealed partial class Build : PipelineBuild, IPublishToKubernetes, IRegistryImages, IRegistryRetention, IDeployRegistry, IRegistryMirror, IPublishPackages, IGitHubRelease, IDoctor
{
    [Parameter("Configuration for CompileSolution and Test")]
    public BuildConfiguration SolutionConfiguration { get; set; } = BuildConfiguration.Debug;

    /// <inheritdoc />
    public AbsolutePath ArtifactsDirectory => RootDirectory / "artifacts";

    private AbsolutePath Solution => RootDirectory / "Pipeline.sln";

    /// <summary>build.sh exports the muxer it compiled this program with; use the same SDK.</summary>
    private string DotNetExecutable => Environment.GetValueOrDefault("DOTNET_EXE") is { Length: > 0 } muxer ? muxer : "dotnet";

    public static int Main(string[] args) => Execute<Build>(args);

    private Command DotNet(params string[] arguments) =>
        Cli.Wrap(DotNetExecutable)
            .WithArguments(arguments)
            .WithWorkingDirectory(RootDirectory)
            .WithEnvironmentVariables(variables => variables.Set("DOTNET_NOLOGO", "1").Set("DOTNET_CLI_TELEMETRY_OPTOUT", "1"));
}
