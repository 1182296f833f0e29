using System.Text.Json;

namespace Pipeline.Image.Direct;

/// <summary>
/// Splits one COPY of a .NET publish output into layers that change at different rates, as Jib does for Java: the
/// self-contained runtime (the runtime packs of <c>*.deps.json</c>'s runtime target), the NuGet packages (its
/// libraries of type <c>package</c>), and the rest (the app's own assemblies, deps.json, runtimeconfig, content).
/// Each layer repeats the folders above its files with the same owner and mode, so extracting them together gives
/// exactly the one COPY. A COPY without a deps.json stays one layer.
/// </summary>
public static class DotNetLayerSplit
{
    /// <summary>
    /// The time the runtime and packages layers' entries carry, whatever the commit: their files come from versioned
    /// packages, so a new commit must not give them new bytes (and a new upload). One second past the epoch, as Jib
    /// does: some tools read 0 as "unset".
    /// </summary>
    public static readonly DateTimeOffset DependencyModified = DateTimeOffset.UnixEpoch.AddSeconds(1);

    /// <summary>
    /// The COPY's entries as the runtime and packages layers (at <see cref="DependencyModified"/>) and the application
    /// layer (at <paramref name="created"/>, the commit time, which a served file's Last-Modified shows); empty ones left out.
    /// </summary>
    /// <exception cref="ImageBuildException">The deps.json cannot be read or parsed.</exception>
    public static IReadOnlyList<LayerContent> Split(IReadOnlyList<LayerFile> copy, DateTimeOffset created)
    {
        ArgumentNullException.ThrowIfNull(copy);
        var depsFile = copy
            .Where(file => !file.IsDirectory && file.ImagePath.EndsWith(".deps.json", StringComparison.Ordinal))
            .OrderBy(file => file.ImagePath.Count(character => character == '/'))
            .ThenBy(file => file.ImagePath, StringComparer.Ordinal)
            .FirstOrDefault();
        if (depsFile is null)
        {
            return [new LayerContent(copy, created)];
        }

        var root = depsFile.ImagePath[..(depsFile.ImagePath.LastIndexOf('/') + 1)];
        var (runtimeFiles, packageFiles) = ReadAssets(depsFile.SourcePath!);
        List<LayerFile> runtime = [], packages = [], application = [];
        var directories = copy.Where(file => file.IsDirectory).ToDictionary(file => file.ImagePath.TrimEnd('/'), StringComparer.Ordinal);
        foreach (var file in copy.Where(file => !file.IsDirectory))
        {
            var relative = file.ImagePath.StartsWith(root, StringComparison.Ordinal) ? file.ImagePath[root.Length..] : null;
            var layer = relative is null ? application
                : runtimeFiles.Contains(relative) ? runtime
                : packageFiles.Contains(relative) ? packages
                : application;
            layer.Add(file);
        }

        // Folders go with the files below them; a folder with none (empty, or only sub-folders) goes last.
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var layers = new List<LayerContent>();
        foreach (var files in new[] { runtime, packages, application })
        {
            var isLast = ReferenceEquals(files, application);
            if (files.Count == 0 && !isLast)
            {
                continue;
            }

            var withFolders = new List<LayerFile>();
            foreach (var ancestor in files.SelectMany(file => Ancestors(file.ImagePath)).Distinct(StringComparer.Ordinal))
            {
                if (directories.TryGetValue(ancestor, out var folder))
                {
                    withFolders.Add(folder);
                    placed.Add(ancestor);
                }
            }

            if (isLast)
            {
                withFolders.AddRange(directories.Where(pair => !placed.Contains(pair.Key)).Select(pair => pair.Value));
            }

            withFolders.AddRange(files);
            if (withFolders.Count > 0)
            {
                layers.Add(new LayerContent(withFolders, isLast ? created : DependencyModified));
            }
        }

        return layers;
    }

    private static IEnumerable<string> Ancestors(string imagePath)
    {
        for (var slash = imagePath.LastIndexOf('/'); slash > 0; slash = imagePath.LastIndexOf('/', slash - 1))
        {
            yield return imagePath[..slash];
        }
    }

    // The files each library puts in the publish folder: runtime and native assets by file name, resources under
    // their culture's folder (how the SDK lays out a publish output).
    private static (HashSet<string> Runtime, HashSet<string> Packages) ReadAssets(string depsPath)
    {
        HashSet<string> runtime = new(StringComparer.Ordinal), packages = new(StringComparer.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(depsPath));
            var root = document.RootElement;
            var targetName = root.GetProperty("runtimeTarget").GetProperty("name").GetString()!;
            var libraries = root.GetProperty("libraries");
            foreach (var library in root.GetProperty("targets").GetProperty(targetName).EnumerateObject())
            {
                var type = libraries.TryGetProperty(library.Name, out var description) && description.TryGetProperty("type", out var typeElement)
                    ? typeElement.GetString()
                    : null;
                var set = type switch
                {
                    "runtimepack" => runtime,
                    "package" => packages,
                    _ => null,
                };
                if (set is null)
                {
                    continue;
                }

                foreach (var kind in new[] { "runtime", "native" })
                {
                    if (library.Value.TryGetProperty(kind, out var assets))
                    {
                        set.UnionWith(assets.EnumerateObject().Select(asset => Path.GetFileName(asset.Name)));
                    }
                }

                if (library.Value.TryGetProperty("resources", out var resources))
                {
                    foreach (var resource in resources.EnumerateObject())
                    {
                        if (resource.Value.TryGetProperty("locale", out var locale))
                        {
                            set.Add($"{locale.GetString()}/{Path.GetFileName(resource.Name)}");
                        }
                    }
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new ImageBuildException(ImageBuildFailureKind.InvalidInput,
                $"cannot read the .NET dependency file {depsPath} to split the publish output into layers ({exception.Message}): publish the app again with dotnet publish.",
                innerException: exception);
        }

        return (runtime, packages);
    }
}
