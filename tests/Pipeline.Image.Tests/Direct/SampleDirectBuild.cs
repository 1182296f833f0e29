using Pipeline.Image.Direct;
using Pipeline.Registry;
using Pipeline.Testing.Docker;

namespace Pipeline.Image.Tests.Direct;

/// <summary>
/// The direct build of the sample's own Dockerfile and .dockerignore on the offline base, over any copy of the
/// publish folder.
/// </summary>
internal static class SampleDirectBuild
{
    /// <summary>A fixed build time: builds of the same inputs must give the same digests.</summary>
    public static readonly DateTimeOffset Created = new(2026, 5, 6, 7, 8, 9, TimeSpan.Zero);

    /// <summary>The label SampleImage's engine build sets, so the labels compare.</summary>
    public static IReadOnlyDictionary<string, string> Labels { get; } = new Dictionary<string, string> { ["io.pipeline.test"] = "sample" };

    public static ImageBuildRequest Request(SampleImage sample, string publishDirectory, ImageReference tag) => new()
    {
        Dockerfile = sample.Dockerfile,
        ContextDirectory = publishDirectory,
        IgnoreFile = sample.IgnoreFile,
        Tags = [tag],
        BaseImage = BaseImage.Local,
        Labels = Labels,
        Created = Created,
    };

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
