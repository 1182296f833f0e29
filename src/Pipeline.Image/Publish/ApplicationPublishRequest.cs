namespace Pipeline.Image;

/// <summary>One <c>dotnet publish</c> of the application: what <see cref="ApplicationPublisher"/> runs, or skips when nothing it reads changed.</summary>
public sealed record ApplicationPublishRequest
{
    /// <summary>The project file published.</summary>
    public required string Project { get; init; }

    /// <summary>
    /// Every argument after <c>dotnet</c> (<c>publish</c>, the project, configuration, runtime, output, a settings hook's
    /// additions): any difference from the last publish's arguments publishes again.
    /// </summary>
    public required IReadOnlyList<string> Arguments { get; init; }

    /// <summary>The publish output folder (the <c>--output</c> among <see cref="Arguments"/>).</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>The <c>dotnet</c> muxer run; a bare name is looked up on <c>PATH</c>. Its SDKs are an input.</summary>
    public string DotNet { get; init; } = "dotnet";

    /// <summary>Publish even when every input is unchanged.</summary>
    public bool Force { get; init; }

    /// <summary>
    /// The arguments of a self-contained publish of <paramref name="project"/> for <paramref name="runtimeIdentifier"/>
    /// into <paramref name="output"/> (the image needs no .NET runtime): what Compile and the services' shipment run.
    /// </summary>
    public static IReadOnlyList<string> SelfContainedArguments(string project, string configuration, string runtimeIdentifier, string output) =>
    [
        "publish", project, "--configuration", configuration, "--runtime", runtimeIdentifier,
        "--self-contained", "--output", output, "--nologo",
    ];
}
