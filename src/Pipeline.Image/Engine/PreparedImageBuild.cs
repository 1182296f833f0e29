namespace Pipeline.Image;

/// <summary>A build decided but not run: see <see cref="ImageBuilder.PrepareAsync"/>.</summary>
/// <param name="Request">What was asked.</param>
/// <param name="Context">The files sent to the engine, after <c>.dockerignore</c>.</param>
/// <param name="BuildArguments">The build arguments, including the resolved base image argument.</param>
/// <param name="BaseImage">The base image reference the build uses, or null when the Dockerfile decides.</param>
/// <param name="Fingerprint">The fingerprint of all inputs, being worked out; the image carries it as a label.</param>
public sealed record PreparedImageBuild(
    ImageBuildRequest Request,
    BuildContext Context,
    IReadOnlyDictionary<string, string> BuildArguments,
    string? BaseImage,
    Task<ContextFingerprint> Fingerprint);
