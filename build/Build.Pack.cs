using Microsoft.Extensions.Logging;
using Pipeline.Engine;
using Pipeline.Version;

namespace PipelineRepoBuild;

internal sealed partial class Build
{
    [Parameter("Version of the NuGet packages Pack makes")]
    public ReleaseVersion PackageVersion { get; set; } = ReleaseVersion.Parse("0.1.0-dev");

    private AbsolutePath PackagesDirectory => ArtifactsDirectory / "packages";

    private Target Pack => _ => _
        .Description("Packs every project under src/ into artifacts/packages")
        .DependsOn(Restore)
        .Executes(async cancellationToken =>
        {
            // One project at a time, never the solution: a Release build of the solution would overwrite this running program.
            var projects = Directory.EnumerateFiles(RootDirectory / "src", "*.csproj", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
            foreach (var project in projects)
            {
                await DotNet("pack", project, "--no-restore", "--configuration", "Release",
                        "--output", PackagesDirectory, $"-p:Version={PackageVersion}")
                    .ExecuteLoggedAsync(Log, cancellationToken);
            }

            Log.LogInformation("Packed {Count} projects as {Version}", projects.Count, PackageVersion);
            Summary.Add("Packages", $"{projects.Count} × {PackageVersion} in {Path.GetRelativePath(RootDirectory, PackagesDirectory)}");
        });
}
