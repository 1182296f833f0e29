using System.Text.Json;

namespace Pipeline.Image;

/// <summary>What a finished <c>dotnet publish</c> tells about its inputs, read from files MSBuild wrote.</summary>
internal static class PublishRecord
{
    /// <summary>
    /// The files the project imports, from <c>dotnet publish … -pp:FILE</c> (the project with every import inlined, each
    /// headed by its full path between lines of '='); null when the file cannot be read.
    /// </summary>
    public static IReadOnlyList<string>? ReadImports(string preprocessed)
    {
        try
        {
            var imports = new SortedSet<string>(StringComparer.Ordinal);
            string? previous = null;
            foreach (var line in File.ReadLines(preprocessed))
            {
                if (previous is not null && line.StartsWith("=====", StringComparison.Ordinal) && Path.IsPathFullyQualified(previous))
                {
                    imports.Add(previous);
                }

                previous = line;
            }

            return imports.Count > 0 ? [.. imports] : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// The one property asked for with <c>-getProperty</c>, from the file <c>-getResultOutputFile</c> wrote: the bare
    /// value for one property (<c>{"Properties": {…}}</c> only for several); null when absent.
    /// </summary>
    public static string? ReadProperty(string resultFile)
    {
        try
        {
            return File.ReadAllText(resultFile).Trim() is { Length: > 0 } value && !value.StartsWith('{') ? value : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// The package files NuGet's last restore expects (<c>expectedPackageFiles</c> of <c>project.nuget.cache</c>: one
    /// <c>.nupkg.sha512</c> per package in the global packages folder); null when the file cannot be read.
    /// </summary>
    public static IReadOnlyList<string>? ReadExpectedPackageFiles(string nugetCache)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(nugetCache));
            return [.. document.RootElement.GetProperty("expectedPackageFiles").EnumerateArray()
                .Select(file => file.GetString()).OfType<string>().Where(Path.IsPathFullyQualified)];
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException or KeyNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// The folders of every project the published one references, directly or not, from NuGet's
    /// <c>project.assets.json</c> (its <c>libraries</c> of type <c>project</c>, relative to the project's folder).
    /// </summary>
    public static IReadOnlyList<string>? ReadReferencedFolders(string assetsFile, string projectFolder)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(assetsFile));
            var folders = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var library in document.RootElement.GetProperty("libraries").EnumerateObject())
            {
                if (library.Value.TryGetProperty("type", out var type) && type.GetString() == "project"
                    && library.Value.TryGetProperty("path", out var path) && path.GetString() is { Length: > 0 } relative)
                {
                    folders.Add(Path.GetDirectoryName(Path.GetFullPath(Path.Combine(projectFolder, relative)))!);
                }
            }

            return [.. folders];
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException or KeyNotFoundException)
        {
            return null;
        }
    }
}
