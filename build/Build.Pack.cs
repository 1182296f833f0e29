using Microsoft.Extensions.Logging;
using Pipeline.Components;
using Pipeline.Engine;
using Pipeline.Version;

namespace PipelineRepoBuild;

/// <summary>Pack makes the NuGet packages other repos reference; PublishPackages (IPublishPackages) pushes them.</summary>
internal sealed partial class Build
{
    [Parameter("Version of the NuGet packages Pack makes (default: the release, else 0.1.0-dev)")]
    public ReleaseVersion? PackageVersion { get; set; }

    private IPublishPackages Packages => this;

    private Target Pack => _ => _
        .Description("Packs every project under src/ into artifacts/packages (with symbols, docs and READMEs)")
        .DependsOn(Restore)
        .Before(Packages.PublishPackages)
        .Executes(async cancellationToken =>
        {
            var version = await ResolvePackageVersionAsync(cancellationToken);
            // One project at a time, never the solution: a Release build of the solution would overwrite this running program.
            var projects = Directory.EnumerateFiles(RootDirectory / "src", "*.csproj", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
            foreach (var project in projects)
            {
                await DotNet("pack", project, "--no-restore", "--configuration", "Release",
                        "--output", Packages.PackagesDirectory, $"-p:Version={version}")
                    .ExecuteLoggedAsync(Log, cancellationToken);
            }

            Log.LogInformation("Packed {Count} projects as {Version}", projects.Count, version);
            Summary.Add("Packages", $"{projects.Count} × {version} in {Path.GetRelativePath(RootDirectory, Packages.PackagesDirectory)}");
        });

    /// <summary>--package-version, else the release being shipped (--release or the vX.Y.Z tag on HEAD), else 0.1.0-dev.</summary>
    private async Task<ReleaseVersion> ResolvePackageVersionAsync(CancellationToken cancellationToken)
    {
        if (PackageVersion is { } explicitVersion)
        {
            return explicitVersion;
        }

        try
        {
            return await ((IHazRelease)this).ResolveReleaseAsync(cancellationToken);
        }
        catch (VersionException exception) when (exception.Kind == VersionFailureKind.NoReleaseVersion)
        {
            Log.LogInformation("Packing as 0.1.0-dev: {Reason}", exception.Message);
            return ReleaseVersion.Parse("0.1.0-dev");
        }
    }
}
