namespace Pipeline.Testing.Docker;

/// <summary>Copies of the repository's sample sources for tests that edit them.</summary>
public static class SampleSources
{
    /// <summary>Copies <paramref name="from"/> into <paramref name="to"/> without any bin/, obj/ or artifacts/ a local build left.</summary>
    public static void CopyWithoutBuildOutput(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var folder in Directory.EnumerateDirectories(from).Where(folder => Path.GetFileName(folder) is not "bin" and not "obj" and not "artifacts"))
        {
            CopyWithoutBuildOutput(folder, Path.Combine(to, Path.GetFileName(folder)));
        }
    }
}
