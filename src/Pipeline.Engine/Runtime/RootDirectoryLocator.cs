namespace Pipeline.Engine.Runtime;

/// <summary>Finds the build root: the nearest ancestor with <c>.pipeline</c>, else with <c>.git</c>, else the start.</summary>
internal static class RootDirectoryLocator
{
    public const string MarkerDirectory = ".pipeline";

    public static AbsolutePath Locate(string workingDirectory)
    {
        var start = AbsolutePath.Create(Path.GetFullPath(workingDirectory));
        return FindAncestor(start, directory => Directory.Exists(directory / MarkerDirectory))
            ?? FindAncestor(start, directory => (directory / ".git").Exists)
            ?? start;
    }

    private static AbsolutePath? FindAncestor(AbsolutePath start, Func<AbsolutePath, bool> holdsMarker)
    {
        for (AbsolutePath? directory = start; directory is not null; directory = directory.Parent)
        {
            if (holdsMarker(directory))
            {
                return directory;
            }
        }

        return null;
    }
}
