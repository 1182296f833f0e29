using CliWrap;
using Microsoft.Extensions.Logging;
using Pipeline.Engine;

namespace PipelineRepoBuild;

internal sealed partial class Build
{
    private AbsolutePath TestResultsDirectory => ArtifactsDirectory / "test-results";

    private Target Test => _ => _
        .Description("Provisions Docker and registry tools, runs every test project, ends with 'N passed, N failed'")
        .DependsOn(CompileSolution)
        .Executes(async cancellationToken =>
        {
            await Cli.Wrap("bash")
                .WithArguments([RootDirectory / "build" / "provision.sh", "all"])
                .WithWorkingDirectory(RootDirectory)
                .ExecuteLoggedAsync(Log, cancellationToken);

            if (Directory.Exists(TestResultsDirectory))
            {
                Directory.Delete(TestResultsDirectory, recursive: true);
            }

            ToolFailedException? testRunFailure = null;
            try
            {
                // The builds the tests run remember file digests per context folder; their temporary folders' caches
                // go under artifacts/, not into the user's ~/.cache.
                var test = DotNet("test", Solution, "--no-build", "--configuration", SolutionConfiguration.ToString(),
                    "--logger", "trx", "--results-directory", TestResultsDirectory);
                await test
                    .WithEnvironmentVariables(variables => variables.Set(test.EnvironmentVariables).Set("XDG_CACHE_HOME", ArtifactsDirectory / "test-cache"))
                    .ExecuteLoggedAsync(Log, cancellationToken);
            }
            catch (ToolFailedException failure)
            {
                // Failing tests are counted from the .trx files below; the counts are the message.
                testRunFailure = failure;
            }

            var counts = TrxResults.ReadDirectory(TestResultsDirectory);
            Log.LogInformation("{Counts}", counts);
            Summary.AddLine(counts.ToString());
            if (counts.Failed > 0 || counts.Total == 0 || testRunFailure is not null)
            {
                var reason = counts.Total == 0 ? "no test ran" : counts.Failed > 0 ? $"{counts.Failed} failed" : testRunFailure!.Message;
                throw new InvalidOperationException($"Tests did not pass: {reason}.");
            }
        });
}
