using Pipeline.Image.Direct;
using Pipeline.Registry;
using Pipeline.Testing.Docker;

namespace Pipeline.Image.Tests.Direct;

/// <summary>
/// The direct build of the sample's Dockerfile, written by hand as the plan would give it (one <c>COPY . /app</c>
/// of the publish folder, the sample's ENV, EXPOSE, USER and ENTRYPOINT), over any copy of the publish folder.
/// </summary>
internal static class SampleDirectBuild
{
    /// <summary>A fixed build time: builds of the same inputs must give the same digests.</summary>
    public static readonly DateTimeOffset Created = new(2026, 5, 6, 7, 8, 9, TimeSpan.Zero);

    /// <summary>The label SampleImage's engine build sets, so the labels compare.</summary>
    public static IReadOnlyDictionary<string, string> Labels { get; } = new Dictionary<string, string> { ["io.pipeline.test"] = "sample" };

    public static ContainerSettings Settings { get; } = new()
    {
        Env = ["ASPNETCORE_URLS=http://+:8080", "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1"],
        ExposedPorts = ["8080"],
        User = "1654:1654",
        Entrypoint = [SampleImage.Entrypoint],
    };

    public static async Task<DirectImageBuildRequest> RequestAsync(SampleImage sample, string publishDirectory, ImageReference tag)
    {
        var context = await BuildContext.CreateAsync(publishDirectory, sample.Dockerfile, sample.IgnoreFile, CancellationToken.None);
        List<LayerFile> copy = [new("/app", null, (UnixFileMode)0b111_101_101, 0, 0)];
        foreach (var entry in context.Entries)
        {
            if (entry.Kind == System.Formats.Tar.TarEntryType.SymbolicLink)
            {
                throw new InvalidOperationException($"the sample's publish folder has a symbolic link {entry.RelativePath}, which this hand-written plan does not copy");
            }

            copy.Add(new LayerFile("/app/" + entry.RelativePath, entry.Kind == System.Formats.Tar.TarEntryType.Directory ? null : entry.FullPath, entry.Mode, 0, 0));
        }

        return new DirectImageBuildRequest
        {
            Build = new ImageBuildRequest
            {
                Dockerfile = sample.Dockerfile,
                ContextDirectory = publishDirectory,
                IgnoreFile = sample.IgnoreFile,
                Tags = [tag],
                BaseImage = BaseImage.Local,
                Labels = Labels,
                Created = Created,
            },
            Layers = [copy],
            Settings = Settings,
        };
    }

    /// <summary>A copy of the publish folder (modes kept) in <paramref name="destination"/>.</summary>
    public static void CopyFolder(string source, string destination)
    {
        foreach (var folder in Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(destination, Path.GetRelativePath(source, folder)));
        }

        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(destination, Path.GetRelativePath(source, file));
            File.Copy(file, target);
            File.SetUnixFileMode(target, File.GetUnixFileMode(file));
        }
    }
}
