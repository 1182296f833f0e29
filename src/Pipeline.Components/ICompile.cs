using CliWrap;
using Pipeline.Engine;
using Pipeline.Image;

namespace Pipeline.Components;

/// <summary>
/// Compile: publishes the application self-contained for the image's platform into <see cref="IHazApplication.PublishDirectory"/>,
/// or, with <see cref="Platforms"/>, once per platform beside it (<c>PublishDirectory-&lt;runtime identifier&gt;</c>).
/// </summary>
public interface ICompile : IHazApplication, IHazPublishConfiguration
{
    /// <summary>
    /// The platforms of a multi-platform image: the application is published once per platform (its runtime
    /// identifier, in place of <see cref="IHazPublishConfiguration.RuntimeIdentifier"/>) and Image pushes an image index. None: one image, as before.
    /// </summary>
    [Parameter("Image platforms, comma-separated (linux/amd64, linux/arm64, linux/arm/v7): publish once per platform and push an image index; default: one image for --runtime-identifier")]
    Platform[] Platforms => Parameter<Platform[]>([]);

    /// <summary>
    /// Where <paramref name="folder"/>'s output for <paramref name="platform"/> goes in a multi-platform build: beside
    /// it as <c>folder-&lt;rid&gt;</c>, never inside it, where a later single-platform image of the folder would copy it.
    /// </summary>
    static AbsolutePath PlatformFolder(AbsolutePath folder, Platform platform) =>
        folder.Parent is { } parent ? parent / $"{folder.Name}-{platform.RuntimeIdentifier}" : folder / platform.RuntimeIdentifier;

    /// <summary>Run <c>dotnet publish</c> even when none of its inputs changed since the last publish.</summary>
    [Parameter("Publish even when no input changed since the last publish")]
    bool ForceCompile => Parameter(false);

    /// <summary>Publishes the application; skipped when its inputs and output are those of the last publish.</summary>
    Target Compile => _ => _
        .Description("Publish the application (self-contained) into the image's build context (skipped when nothing changed)")
        .Executes(async cancellationToken =>
        {
            var publisher = new ApplicationPublisher(
                (dotNetArguments, token) => Cli.Wrap("dotnet").WithArguments(dotNetArguments).WithWorkingDirectory(RootDirectory).ExecuteLoggedAsync(Log, token),
                StageEnvironment.Of(this));
            var outputs = Platforms.Length == 0
                ? [(RuntimeIdentifier, PublishDirectory)]
                : Platforms.Select(platform => (platform.RuntimeIdentifier, PlatformFolder(PublishDirectory, platform))).ToList();
            // One restore for every platform: otherwise each publish rewrites obj/'s assets for its own runtime, an
            // input of the other's, and neither is ever skipped. (Quoted: MSBuild splits -p: on an unquoted ';'.)
            string[] restoreAll = Platforms.Length == 0 ? [] : [$"-p:RuntimeIdentifiers=\"{string.Join(';', outputs.Select(output => output.Item1))}\""];
            var unchanged = new List<string>();
            foreach (var (runtimeIdentifier, output) in outputs)
            {
                var arguments = PublishArguments(
                    [.. ApplicationPublishRequest.SelfContainedArguments(ApplicationProject, Configuration, runtimeIdentifier, output), .. restoreAll]);
                var request = new ApplicationPublishRequest
                {
                    Project = ApplicationProject,
                    Arguments = arguments,
                    OutputDirectory = output,
                    Force = ForceCompile,
                };
                var published = await publisher.PublishAsync(request, cancellationToken);
                if (!published.Published)
                {
                    unchanged.Add(published.UnchangedReason!);
                }
            }

            // Skipped only when every platform's publish was.
            if (unchanged.Count == outputs.Count)
            {
                throw new TargetSkippedException(string.Join("; ", unchanged));
            }
        });

    /// <summary>Settings hook: adjust the <c>dotnet publish</c> arguments without copying the target.</summary>
    IReadOnlyList<string> PublishArguments(IReadOnlyList<string> arguments) => arguments;
}
