namespace Pipeline.Engine.CiFiles;

/// <summary>
/// What the CI servers run, declared once by the build (see <see cref="IGenerateCiFiles"/>) and written as a GitHub
/// Actions workflow and a declarative Jenkinsfile: stages that only call <c>./build.sh</c> targets, the stages that
/// run only for a release tag, and which secrets reach which stage through the environment.
/// </summary>
public sealed record CiDescription
{
    /// <summary>The workflow's name and file: <c>.github/workflows/&lt;name&gt;.yml</c>.</summary>
    public string Name { get; init; } = "ci";

    /// <summary>The stages in order; the ones with <see cref="CiStage.OnReleaseTag"/> run only for a release tag.</summary>
    public required IReadOnlyList<CiStage> Stages { get; init; }

    /// <summary>The tags that publish a release, as a prefix glob (<c>v*</c>).</summary>
    public string ReleaseTagPattern { get; init; } = "v*";

    /// <summary>How long a run (GitHub: each job) may take before the CI server stops it.</summary>
    public int TimeoutMinutes { get; init; } = 90;

    /// <summary>The GitHub Actions runner label.</summary>
    public string GitHubRunner { get; init; } = "ubuntu-latest";

    /// <summary>Plain (not secret) variables every stage gets; written sorted by name.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
    };

    /// <summary>The workflow's path under the build root.</summary>
    public string GitHubWorkflowPath => $".github/workflows/{Name}.yml";

    /// <summary>The Jenkinsfile's path under the build root.</summary>
    public static string JenkinsfilePath => "Jenkinsfile";
}
