namespace Pipeline.Engine.CiFiles;

/// <summary>
/// Writes the declarative Jenkinsfile: one stage per <see cref="CiStage"/>, release stages behind a tag condition,
/// secrets bound by <c>withCredentials</c> into the environment. Every <c>sh</c> string is single-quoted Groovy, so
/// nothing is interpolated into a command line.
/// </summary>
internal static class JenkinsfileWriter
{
    public static string Write(CiDescription description)
    {
        var text = new CiText()
            .Line(0, "// Generated from the build's CiDescription by ./build.sh GenerateCiFiles: edit the build, then regenerate")
            .Line(0, "// (./build.sh GenerateCiFiles --check fails while this file and the build disagree).")
            .Line(0, "// Jenkins declarative pipeline. Every stage only calls ./build.sh: the build program owns the logic.")
            .Line(0, "// Secrets reach the build through the environment only (withCredentials); the sh strings are")
            .Line(0, "// single-quoted Groovy, so nothing is interpolated into a command line.")
            .Line(0, "pipeline {")
            .Line(4, "agent any")
            .Line(4, "options {")
            .Line(8, $"timeout(time: {description.TimeoutMinutes}, unit: 'MINUTES')")
            .Line(8, "disableConcurrentBuilds()")
            .Line(4, "}")
            .Line(4, "environment {");
        // CI=true: Jenkins does not set it, and tools (the .NET SDK, the build's output) use it to act non-interactively.
        var environment = description.Environment.Append(new KeyValuePair<string, string>("CI", "true"))
            .DistinctBy(variable => variable.Key, StringComparer.Ordinal)
            .OrderBy(variable => variable.Key, StringComparer.Ordinal);
        foreach (var (name, value) in environment)
        {
            text.Line(8, $"{name} = '{value}'");
        }

        text.Line(4, "}").Line(4, "stages {");
        foreach (var stage in description.Stages)
        {
            WriteStage(text, description, stage);
        }

        return text.Line(4, "}").Line(0, "}").ToString();
    }

    private static void WriteStage(CiText text, CiDescription description, CiStage stage)
    {
        text.Line(8, $"stage('{stage.Name}') {{");
        if (stage.OnReleaseTag)
        {
            text.Line(12, "when {")
                .Line(16, $"tag pattern: '{description.ReleaseTagPattern}', comparator: 'GLOB'   // true only when building a tag")
                .Line(12, "}");
        }

        text.Line(12, "steps {");
        var command = $"sh './build.sh {string.Join(' ', stage.Targets)}'";
        var bindings = stage.Secrets.Select(Binding).OfType<string>().ToList();
        if (bindings.Count == 0)
        {
            text.Line(16, command);
        }
        else
        {
            text.Line(16, "withCredentials([");
            for (var index = 0; index < bindings.Count; index++)
            {
                text.Line(20, bindings[index] + (index < bindings.Count - 1 ? "," : string.Empty));
            }

            text.Line(16, "]) {")
                .Line(20, command)
                .Line(16, "}");
        }

        text.Line(12, "}").Line(8, "}");
    }

    /// <summary>The withCredentials binding, or null for a secret Jenkins does not hold (the build then runs without it).</summary>
    private static string? Binding(CiSecret secret) => secret switch
    {
        CiUsernamePassword pair =>
            $"usernamePassword(credentialsId: '{pair.JenkinsCredentialId}', usernameVariable: '{pair.UsernameVariable}', passwordVariable: '{pair.PasswordVariable}')",
        CiSecretFile file => $"file(credentialsId: '{file.JenkinsCredentialId}', variable: '{file.Variable}')",
        CiSecretText { JenkinsCredentialId: { } id } text => $"string(credentialsId: '{id}', variable: '{text.Variable}')",
        _ => null,
    };
}
