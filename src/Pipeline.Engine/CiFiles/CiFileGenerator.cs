namespace Pipeline.Engine.CiFiles;

/// <summary>Writes a <see cref="CiDescription"/> as the GitHub Actions workflow and the Jenkinsfile, and finds committed files that differ.</summary>
public static class CiFileGenerator
{
    /// <summary>The workflow and the Jenkinsfile for <paramref name="description"/>.</summary>
    /// <exception cref="ArgumentException">A name in the description cannot be written safely; the message names it and the fix.</exception>
    public static IReadOnlyList<CiFile> Generate(CiDescription description)
    {
        CiDescriptionRules.Check(description);
        return
        [
            new CiFile(description.GitHubWorkflowPath, GitHubActionsWriter.Write(description)),
            new CiFile(CiDescription.JenkinsfilePath, JenkinsfileWriter.Write(description)),
        ];
    }

    /// <summary>How each of <paramref name="files"/> differs from the file under <paramref name="root"/>; empty when all match.</summary>
    public static IReadOnlyList<string> FindDrift(AbsolutePath root, IReadOnlyList<CiFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var drift = new List<string>();
        foreach (var file in files)
        {
            var path = root / file.RelativePath;
            if (!File.Exists(path))
            {
                drift.Add($"{file.RelativePath} is missing");
                continue;
            }

            var committed = File.ReadAllText(path).Split('\n');
            var generated = file.Content.Split('\n');
            var line = Enumerable.Range(0, Math.Max(committed.Length, generated.Length))
                .FirstOrDefault(index => index >= committed.Length || index >= generated.Length || committed[index] != generated[index], -1);
            if (line >= 0)
            {
                drift.Add($"{file.RelativePath} differs from line {line + 1} (generated: '{At(generated, line)}', committed: '{At(committed, line)}')");
            }
        }

        return drift;
    }

    private static string At(string[] lines, int index) => index < lines.Length ? lines[index].Trim() : "(end of file)";
}
