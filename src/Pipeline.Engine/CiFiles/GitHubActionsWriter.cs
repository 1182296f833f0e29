namespace Pipeline.Engine.CiFiles;

/// <summary>
/// Writes the GitHub Actions workflow: a <c>build</c> job for every push and pull request, and a <c>publish</c> job for
/// the release tag that needs it. Secrets reach a step only through its <c>env</c>, never the <c>run</c> line.
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
        var everyBuild = description.Stages.Where(stage => !stage.OnReleaseTag).ToList();
        var release = description.Stages.Where(stage => stage.OnReleaseTag).ToList();
        if (everyBuild.Count > 0)
        {
            WriteJob(text, description, "build", everyBuild, needs: null);
        }

        if (release.Count > 0)
        {
            if (everyBuild.Count > 0)
            {
                text.Blank();
            }

            WriteJob(text, description, "publish", release, needs: everyBuild.Count > 0 ? "build" : null);
        }

        return text.ToString();
    }

    private static void WriteJob(CiText text, CiDescription description, string job, IReadOnlyList<CiStage> stages, string? needs)
    {
        text.Line(2, $"{job}:");
        if (needs is not null)
        {
            text.Line(4, $"needs: {needs}");
        }

        if (stages.All(stage => stage.OnReleaseTag))
        {
            var prefix = description.ReleaseTagPattern.TrimEnd('*');
            text.Line(4, $"if: github.event_name == 'push' && startsWith(github.ref, 'refs/tags/{prefix}')");
        }

        text.Line(4, $"runs-on: {description.GitHubRunner}")
            .Line(4, $"timeout-minutes: {description.TimeoutMinutes}");
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

            text.Line(8, $"run: ./build.sh {string.Join(' ', stage.Targets)}");
        }

        foreach (var file in files)
        {
            text.Line(6, $"- name: Remove {FileName(file)}")
                .Line(8, "if: always()")
                .Line(8, $"run: rm -f \"$RUNNER_TEMP/{FileName(file)}\"");
        }
    }

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
