using System.Runtime.CompilerServices;

namespace Pipeline.Testing.Docker;

/// <summary>Finds the repository checkout (the folder holding Pipeline.sln) the tests were built from.</summary>
public static class RepositoryRoot
{
    /// <summary>
    /// The repository root: from this source file's compile-time path, else walking up from the test binaries or
    /// the current folder, else <c>PIPELINE_REPOSITORY_ROOT</c>.
    /// </summary>
    public static string Find() => Find(SourceFile());

    private static string Find(string sourceFile)
    {
        string?[] starts =
        [
            Environment.GetEnvironmentVariable("PIPELINE_REPOSITORY_ROOT"),
            Path.GetDirectoryName(sourceFile),
            AppContext.BaseDirectory,
            Environment.CurrentDirectory,
        ];
        foreach (var start in starts.OfType<string>())
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "Pipeline.sln")))
                {
                    return folder.FullName;
                }
            }
        }

        throw new InvalidOperationException(
            "cannot find the repository root (the folder with Pipeline.sln) from the test's source path, binaries or current folder: "
            + "set PIPELINE_REPOSITORY_ROOT to the checkout.");
    }

    private static string SourceFile([CallerFilePath] string path = "") => path;
}
