namespace Pipeline.Engine.CiFiles;

/// <summary>
/// Writes the GitHub Actions workflow: a <c>build</c> job for every push and pull request, and a <c>publish</c> job for
/// the release tag that needs it (a fan-out stage: a matrix job of its own between them, <see cref="GitHubJob"/>). Secrets reach a step only through its <c>env</c>, never the <c>run</c> line.
/// </summary>
internal static class GitHubActionsWriter
{
    public static string Write(CiDescription description)
    {
        var text = new CiText()
            .Line(0, "# Generated from the build's CiDescription by ./build.sh GenerateCiFiles: edit the build, then regenerate")
            .Line(0, "# (./build.sh GenerateCiFiles --check fails while this file and the build disagree).")
            .Line(0, $"# Build and test on every push and pull request; publish on {description.ReleaseTagPattern} tags. Every build step only calls")
            .Line(0, "# ./build.sh (it installs the .NET SDK global.json asks for when the runner lacks it).")
            .Line(0, $"name: {description.Name}")
            .Blank()
            .Line(0, "on:")
            .Line(2, "push:")
            .Line(4, "branches: ['**']")
            .Line(4, $"tags: ['{description.ReleaseTagPattern}']")
            .Line(2, "pull_request:")
            .Blank()
            .Line(0, "permissions:")
            .Line(2, "contents: read")
            .Blank()
            .Line(0, "concurrency:")
            .Line(2, $"group: {description.Name}-${{{{ github.ref }}}}")
            .Line(2, "cancel-in-progress: ${{ github.event_name == 'pull_request' }}");
        if (description.Environment.Count > 0)
        {
            text.Blank().Line(0, "env:");
            foreach (var (name, value) in description.Environment.OrderBy(variable => variable.Key, StringComparer.Ordinal))
            {
                text.Line(2, $"{name}: '{value}'");
            }
        }

        text.Blank().Line(0, "jobs:");
        var jobs = GitHubJob.Plan(description);
        for (var index = 0; index < jobs.Count; index++)
        {
            if (index > 0)
            {
                text.Blank();
            }

            WriteJob(text, description, jobs[index]);
        }

        return text.ToString();
    }

    private static void WriteJob(CiText text, CiDescription description, GitHubJob job)
    {
        var fanOut = job.FanOutStage?.FanOut;
        text.Line(2, $"{job.Id}:");
        if (fanOut is not null)
        {
            text.Line(4, $"name: {job.Stages[0].Name} ({Matrix(fanOut)})");
        }

        if (job.Needs is not null)
        {
            text.Line(4, $"needs: {job.Needs}");
        }

        if (job.OnReleaseTag)
        {
            var prefix = description.ReleaseTagPattern.TrimEnd('*');
            text.Line(4, $"if: github.event_name == 'push' && startsWith(github.ref, 'refs/tags/{prefix}')");
        }

        text.Line(4, $"runs-on: {description.GitHubRunner}")
            .Line(4, $"timeout-minutes: {description.TimeoutMinutes}");
        if (fanOut is not null)
        {
            text.Line(4, "strategy:")
                .Line(6, "fail-fast: false   # every value runs to its end whatever the others do")
                .Line(6, "matrix:")
                .Line(8, $"{fanOut.MatrixKey}: [{string.Join(", ", fanOut.Values)}]");
        }

        var stages = job.Stages;
        var permissions = stages.SelectMany(stage => stage.GitHubWritePermissions).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (permissions.Count > 0)
        {
            text.Line(4, "permissions:   # this job's token writes only these");
            foreach (var permission in permissions)
            {
                text.Line(6, $"{permission}: write");
            }
        }

        text.Line(4, "steps:")
            .Line(6, "- uses: actions/checkout@v4")
            .Line(8, "with:")
            .Line(10, "fetch-depth: 0   # versions come from tags");
        if (job.ReceivesFrom is { FanOut: { } received } from)
        {
            text.Line(6, $"- name: Receive {from.Name}'s outputs")
                .Line(8, "uses: actions/download-artifact@v4")
                .Line(8, "with:")
                .Line(10, $"pattern: {CiFanOut.HandOffName(from, "*")}")
                .Line(10, $"path: {received.OutputFolder}")
                .Line(10, "merge-multiple: true   # every value's file in one folder");
        }

        var files = stages.SelectMany(stage => stage.Secrets).OfType<CiSecretFile>().Distinct().ToList();
        foreach (var file in files)
        {
            WriteFileStep(text, file);
        }

        foreach (var stage in stages)
        {
            text.Line(6, $"- name: {stage.Name}");
            var variables = stage.Secrets.SelectMany(Variables).ToList();
            if (variables.Count > 0)
            {
                text.Line(8, "env:");
                foreach (var (name, secret) in variables)
                {
                    text.Line(10, $"{name}: ${{{{ secrets.{secret} }}}}");
                }
            }

            // A matrix value is a checked label (CiDescriptionRules), never a secret, so it may stand in the run line.
            var value = fanOut is null ? string.Empty : $" {fanOut.Parameter} {Matrix(fanOut)}";
            text.Line(8, $"run: ./build.sh {string.Join(' ', stage.Targets)}{value}");
        }

        if (fanOut is not null)
        {
            var output = fanOut.OutputOf(Matrix(fanOut));
            text.Line(6, $"- name: Hand on {output}")
                .Line(8, "uses: actions/upload-artifact@v4")
                .Line(8, "with:")
                .Line(10, $"name: {CiFanOut.HandOffName(job.Stages[0], Matrix(fanOut))}")
                .Line(10, $"path: {output}")
                .Line(10, "if-no-files-found: error");
        }

        foreach (var file in files)
        {
            text.Line(6, $"- name: Remove {FileName(file)}")
                .Line(8, "if: always()")
                .Line(8, $"run: rm -f \"$RUNNER_TEMP/{FileName(file)}\"");
        }
    }

    private static string Matrix(CiFanOut fanOut) => $"${{{{ matrix.{fanOut.MatrixKey} }}}}";

    /// <summary>The secret goes through env into printf (no command line holds it); umask 077 keeps the file private.</summary>
    private static void WriteFileStep(CiText text, CiSecretFile file)
    {
        var content = $"{file.GitHubSecret}_CONTENT";
        text.Line(6, $"- name: Write {FileName(file)}")
            .Line(8, "env:")
            .Line(10, $"{content}: ${{{{ secrets.{file.GitHubSecret} }}}}")
            .Line(8, "run: |")
            .Line(10, "umask 077")
            .Line(10, $"printf '%s\\n' \"${content}\" > \"$RUNNER_TEMP/{FileName(file)}\"")
            .Line(10, $"echo \"{file.Variable}=$RUNNER_TEMP/{FileName(file)}\" >> \"$GITHUB_ENV\"");
    }

    private static string FileName(CiSecretFile file) => file.GitHubSecret.ToLowerInvariant();

    private static IEnumerable<(string Variable, string Secret)> Variables(CiSecret secret) => secret switch
    {
        CiSecretText text => [(text.Variable, text.GitHubSecret)],
        CiUsernamePassword pair => [(pair.UsernameVariable, pair.UsernameVariable), (pair.PasswordVariable, pair.PasswordVariable)],
        _ => [], // files are written by their own step and named in GITHUB_ENV
    };
}
