using Microsoft.Extensions.Logging;
using Pipeline.Engine;

namespace PipelineRepoBuild;

internal sealed partial class Build
{
    private Target Clean => _ => _
        .Description("Deletes artifacts/, except this running program (artifacts/bin/_build)")
        .Before(Restore)
        .Executes(() =>
        {
            var keep = ArtifactsDirectory / "bin" / "_build";
            foreach (var entry in EntriesToClean(ArtifactsDirectory, keep))
            {
                Log.LogInformation("Deleting {Path}", entry);
                if (Directory.Exists(entry))
                {
                    Directory.Delete(entry, recursive: true);
                }
                else
                {
                    File.Delete(entry);
                }
            }
        });

    private Target Restore => _ => _
        .Description("Restores the solution's packages")
        .Executes(async cancellationToken => await DotNet("restore", Solution).ExecuteLoggedAsync(Log, cancellationToken));

    private Target CompileSolution => _ => _
        .Description("Builds the whole solution (the chain's Compile publishes only the sample app)")
        .DependsOn(Restore)
        .Executes(async cancellationToken =>
            await DotNet("build", Solution, "--no-restore", "--configuration", SolutionConfiguration.ToString()).ExecuteLoggedAsync(Log, cancellationToken));

    /// <summary>Everything under <paramref name="directory"/> except <paramref name="keep"/> and the folders leading to it.</summary>
    private static IEnumerable<string> EntriesToClean(AbsolutePath directory, AbsolutePath keep)
    {
        if (!Directory.Exists(directory))
        {
            yield break;
        }

        foreach (var entry in Directory.EnumerateFileSystemEntries(directory).Order(StringComparer.Ordinal).Select(AbsolutePath.Create))
        {
            if (entry.Equals(keep))
            {
                continue;
            }

            if (keep.Value.StartsWith(entry.Value + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                foreach (var nested in EntriesToClean(entry, keep))
                {
                    yield return nested;
                }
            }
            else
            {
                yield return entry;
            }
        }
    }
}
