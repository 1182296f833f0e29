namespace Pipeline.Engine.CiFiles;

/// <summary>
/// Writes the declarative Jenkinsfile: one stage per <see cref="CiStage"/> (a fan-out: <c>parallel</c> stages, one per
/// value, each stashing its output for the next stage to unstash), release stages behind a tag condition,
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
            .Line(0, "pipeline {");
        // With a fan-out each stage takes its own agent: parallel runs of ./build.sh in one workspace would share its
        // obj/ and bin/, and a pipeline-wide agent would hold an executor the parallel stages may wait for.
        var ownAgents = description.Stages.Any(stage => stage.FanOut is not null);
        text.Line(4, ownAgents ? "agent none" : "agent any")
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
        CiStage? previous = null;
        foreach (var stage in description.Stages)
        {
            WriteStage(text, description, stage, ownAgents, receivesFrom: previous?.FanOut is null ? null : previous);
            previous = stage;
        }

        return text.Line(4, "}").Line(0, "}").ToString();
    }

    private static void WriteStage(CiText text, CiDescription description, CiStage stage, bool ownAgent, CiStage? receivesFrom)
    {
        text.Line(8, $"stage('{stage.Name}') {{");
        if (ownAgent && stage.FanOut is null)
        {
            text.Line(12, "agent any");
        }

        if (stage.OnReleaseTag)
        {
            text.Line(12, "when {");
            if (ownAgent)
            {
                text.Line(16, "beforeAgent true   // no agent is taken for a stage that does not run");
            }

            text.Line(16, $"tag pattern: '{description.ReleaseTagPattern}', comparator: 'GLOB'   // true only when building a tag")
                .Line(12, "}");
        }

        if (stage.FanOut is { } fanOut)
        {
            text.Line(12, "parallel {");
            foreach (var value in fanOut.Values)
            {
                text.Line(16, $"stage('{stage.Name} {value}') {{")
                    .Line(20, "agent any")
                    .Line(20, "steps {");
                WriteSteps(text, 24, stage, $" {fanOut.Parameter} {value}", receivesFrom);
                text.Line(24, $"stash name: '{CiFanOut.HandOffName(stage, value)}', includes: '{fanOut.OutputOf(value)}'")
                    .Line(20, "}")
                    .Line(16, "}");
            }

            text.Line(12, "}").Line(8, "}");
            return;
        }

        text.Line(12, "steps {");
        WriteSteps(text, 16, stage, string.Empty, receivesFrom);
        text.Line(12, "}").Line(8, "}");
    }

    /// <summary>Unstashes what the fan-out before the stage handed on, then runs the build with the stage's credentials.</summary>
    private static void WriteSteps(CiText text, int indent, CiStage stage, string arguments, CiStage? receivesFrom)
    {
        foreach (var value in receivesFrom?.FanOut?.Values ?? [])
        {
            text.Line(indent, $"unstash '{CiFanOut.HandOffName(receivesFrom!, value)}'");
        }

        var command = $"sh './build.sh {string.Join(' ', stage.Targets)}{arguments}'";
        var bindings = stage.Secrets.Select(Binding).OfType<string>().ToList();
        if (bindings.Count == 0)
        {
            text.Line(indent, command);
            return;
        }

        text.Line(indent, "withCredentials([");
        for (var index = 0; index < bindings.Count; index++)
        {
            text.Line(indent + 4, bindings[index] + (index < bindings.Count - 1 ? "," : string.Empty));
        }

        text.Line(indent, "]) {")
            .Line(indent + 4, command)
            .Line(indent, "}");
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
