namespace Pipeline.Services;

/// <summary>
/// The values besides files that decide what a service's build produces, the same for every service of a run:
/// a different SDK, configuration, runtime or build argument builds a different image from the same files.
/// </summary>
public sealed record BuildValues
{
    /// <summary>The .NET SDK version that publishes (<c>dotnet --version</c>).</summary>
    public required string SdkVersion { get; init; }

    /// <summary>The build configuration, <c>Release</c> unless set.</summary>
    public string Configuration { get; init; } = "Release";

    /// <summary>The runtime identifier published for, <c>linux-x64</c> unless set.</summary>
    public string RuntimeIdentifier { get; init; } = "linux-x64";

    /// <summary>The base image the build uses (<c>--base-image</c>), or null when the Dockerfile decides.</summary>
    public string? BaseImage { get; init; }

    /// <summary>The Docker build arguments (order does not matter).</summary>
    public IReadOnlyDictionary<string, string> BuildArguments { get; init; } = new Dictionary<string, string>();
}
