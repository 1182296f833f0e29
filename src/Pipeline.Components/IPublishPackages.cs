using Microsoft.Extensions.Logging;
using Pipeline.Components.Packages;
using Pipeline.Engine;

namespace Pipeline.Components;

/// <summary>
/// PublishPackages: pushes the NuGet packages in <see cref="PackagesDirectory"/> to a V3 feed over HTTP, with the
/// API key from <c>NUGET_API_KEY</c> held in memory (never on a command line). Symbol packages go along when the
/// feed takes them. Order it after the target that packs: <c>Target Pack => _ => _.Before(PublishPackages)…</c>.
/// </summary>
public interface IPublishPackages : IHazArtifacts
{
    /// <summary>The feed's service index, e.g. <c>https://nuget.example.com/v3/index.json</c>.</summary>
    [Parameter("NuGet V3 feed to push packages to (its index.json URL)", Name = "NugetSource")]
    NuGetSource? NuGetSource => Parameter<NuGetSource?>(null);

    /// <summary>The feed's API key: set NUGET_API_KEY, never a command-line flag.</summary>
    [Parameter("API key of the NuGet feed", Name = "NugetApiKey"), Secret]
    string? NuGetApiKey => Parameter<string?>(null);

    /// <summary>Leave a package the feed already holds (409) instead of failing, as re-running a release does.</summary>
    [Parameter("Skip packages the feed already holds instead of failing")]
    bool SkipDuplicate => Parameter(false);

    /// <summary>Where the packages to push are: <c>artifacts/packages/</c>.</summary>
    AbsolutePath PackagesDirectory => ArtifactsDirectory / "packages";

    /// <summary>Pushes every package, then every symbol package.</summary>
    Target PublishPackages => _ => _
        .Description("Push artifacts/packages/*.nupkg (and .snupkg when the feed takes symbols) to --nuget-source")
        .Requires(() => NuGetSource, () => NuGetApiKey)
        .Executes(async cancellationToken =>
        {
            var packages = PackageFiles("*.nupkg");
            if (packages.Count == 0)
            {
                throw new FileNotFoundException($"no .nupkg in {PackagesDirectory}: pack first (e.g. ./build.sh Pack PublishPackages).");
            }

            var source = NuGetSource!.Value;
            using var feed = new NuGetFeedClient(source, NuGetApiKey!, logger: Log);
            var outcomes = new List<PackagePushOutcome>();
            foreach (var package in packages.Concat(PackageFiles("*.snupkg")))
            {
                outcomes.Add(await feed.PushAsync(package, SkipDuplicate, cancellationToken));
            }

            var pushed = outcomes.Count(outcome => outcome == PackagePushOutcome.Pushed);
            var skipped = outcomes.Count(outcome => outcome == PackagePushOutcome.SkippedDuplicate);
            Log.LogInformation("Pushed {Pushed} file(s) to {Source}; {Skipped} already there", pushed, source, skipped);
            Summary.Add("Packages", $"{pushed} pushed, {skipped} already on {source}");
        });

    private List<string> PackageFiles(string pattern) =>
        Directory.Exists(PackagesDirectory)
            ? [.. Directory.EnumerateFiles(PackagesDirectory, pattern).Order(StringComparer.Ordinal)]
            : [];
}
