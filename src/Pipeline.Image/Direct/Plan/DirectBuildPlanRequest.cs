using System.Runtime.InteropServices;

namespace Pipeline.Image.Direct;

/// <summary>What <see cref="DirectBuildPlanner"/> plans from: the same inputs the engine builder takes.</summary>
public sealed record DirectBuildPlanRequest
{
    /// <summary>The plan request for an image build: its context read (after <c>.dockerignore</c>), its Dockerfile, arguments, target and base.</summary>
    public static async Task<DirectBuildPlanRequest> ForBuildAsync(ImageBuildRequest build, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(build);
        var context = await BuildContext.CreateAsync(build.ContextDirectory, build.Dockerfile, build.IgnoreFile, cancellationToken);
        return new DirectBuildPlanRequest
        {
            Context = context,
            // Read once: every plan of this request (the second one with the base's settings) reads the same text.
            DockerfileText = await File.ReadAllTextAsync(context.DockerfilePath, cancellationToken),
            BuildArguments = build.BuildArguments,
            TargetStage = build.TargetStage,
            BaseImage = build.BaseImage,
            BaseImageArgument = build.BaseImageArgument,
        };
    }

    /// <summary>The context the Dockerfile's <c>COPY</c> reads, after <c>.dockerignore</c>; its Dockerfile is planned.</summary>
    public required BuildContext Context { get; init; }

    /// <summary>The Dockerfile's text; read from <see cref="BuildContext.DockerfilePath"/> when null.</summary>
    public string? DockerfileText { get; init; }

    /// <summary>Build arguments (<c>--build-arg</c>); they override the defaults of the <c>ARG</c>s declared.</summary>
    public IReadOnlyDictionary<string, string> BuildArguments { get; init; } = new Dictionary<string, string>();

    /// <summary>The stage to build (<c>--target</c>); the last stage when null.</summary>
    public string? TargetStage { get; init; }

    /// <summary>The base image the user named, given to the Dockerfile as <see cref="BaseImageArgument"/>; null keeps the Dockerfile's.</summary>
    public BaseImage? BaseImage { get; init; }

    /// <summary>The build argument the Dockerfile's FROM reads the base image from.</summary>
    public string BaseImageArgument { get; init; } = "BASE_IMAGE";

    /// <summary>The platform built, <c>os/arch</c> (a <c>FROM --platform</c> naming another is refused); this machine's by default.</summary>
    public string Platform { get; init; } = "linux/" + RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => "amd64",
        Architecture.Arm64 => "arm64",
        var other => other.ToString().ToLowerInvariant(),
    };

    /// <summary>
    /// The base image's settings when the caller has read its config; null when not known. Docker expands variables
    /// with the base's <c>ENV</c> and resolves relative paths against its <c>WORKDIR</c>: without them, an instruction
    /// that depends on them is refused, and the <c>ARG</c>s declared are assumed not to be shadowed by a base <c>ENV</c>.
    /// </summary>
    public ContainerSettings? BaseSettings { get; init; }
}
