namespace Pipeline.Services;

/// <summary>The files of a source folder as a build sees them: bin/, obj/ and hidden folders (.git, .vs) left out.</summary>
internal static class SourceTree
{
    private static readonly EnumerationOptions OneLevel = new() { RecurseSubdirectories = false, AttributesToSkip = 0, IgnoreInaccessible = false };

    /// <summary>Every file under <paramref name="folder"/> matching <paramref name="pattern"/>, in ordinal order of path.</summary>
    public static IEnumerable<string> Files(string folder, string pattern = "*")
    {
        var files = new List<string>();
        Collect(folder, pattern, files);
        return files.Order(StringComparer.Ordinal);
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="folder"/> or below it.</summary>
    public static bool IsUnder(string path, string folder) =>
        path == folder || path.StartsWith(folder.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary><paramref name="path"/> relative to <paramref name="root"/>, with '/' separators on every OS.</summary>
    public static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

    private static void Collect(string folder, string pattern, List<string> files)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        files.AddRange(Directory.EnumerateFiles(folder, pattern, OneLevel));
        foreach (var child in Directory.EnumerateDirectories(folder, "*", OneLevel))
        {
            // Build output and tool folders change on every build without changing what is built from them.
            var name = Path.GetFileName(child);
            if (!name.StartsWith('.') && name is not "bin" and not "obj")
            {
                Collect(child, pattern, files);
            }
        }
    }
}
