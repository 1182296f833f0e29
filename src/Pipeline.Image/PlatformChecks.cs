using Pipeline.Registry;
using Pipeline.Version;

namespace Pipeline.Image;

/// <summary>
/// What a multi-platform build (<see cref="ImageBuildRequest.Platforms"/>) cannot do here, and the refusals the
/// builders raise for it: an image index is the direct builder's alone, and the offline local base is this machine's
/// platform only. <see cref="CheckInputs"/> raises them from the inputs alone, before anything is published or built.
/// </summary>
public static class PlatformChecks
{
    /// <summary>Refuses, from the inputs alone, a multi-platform build that could not succeed.</summary>
    /// <param name="platforms">The platforms asked for; none checks nothing.</param>
    /// <param name="asked">The builder asked for.</param>
    /// <param name="baseImage">The base asked for, or null for the Dockerfile's.</param>
    /// <param name="pushRegistry">The registry the image goes to (where a multi-platform base belongs).</param>
    /// <param name="inputs">What the caller calls its inputs, for the fixes.</param>
    /// <exception cref="ImageBuildException">The engine builder asked for, or the offline base with another platform than this machine's.</exception>
    public static void CheckInputs(IReadOnlyList<Platform> platforms, ImageBuilderKind asked, BaseImage? baseImage, RegistryHost pushRegistry, StageInputNames inputs)
    {
        ArgumentNullException.ThrowIfNull(platforms);
        ArgumentNullException.ThrowIfNull(inputs);
        if (platforms.Count == 0)
        {
            return;
        }

        if (asked == ImageBuilderKind.Engine)
        {
            throw NeedsDirectBuilder(inputs, $"{inputs.ImageBuilder} asks for the engine builder");
        }

        if (baseImage is { IsLocal: true } && platforms.FirstOrDefault(platform => platform != Platform.Machine) is { Os: not null } other)
        {
            throw LocalBaseIsThisMachines(inputs, other, pushRegistry);
        }
    }

    /// <summary>A multi-platform build that would need the engine: why, and the fix.</summary>
    internal static ImageBuildException NeedsDirectBuilder(StageInputNames inputs, string why) =>
        new(ImageBuildFailureKind.InvalidInput,
            $"{inputs.Platforms} builds one image per platform under an image index, which only the direct builder makes, and {why}: "
            + $"drop {inputs.Platforms}, or use the direct builder ({inputs.ImageBuilder} auto or direct) with a Dockerfile that needs no container.");

    /// <summary>A platform the offline local base cannot serve, and the fix.</summary>
    internal static ImageBuildException LocalBaseIsThisMachines(StageInputNames inputs, Platform asked, RegistryHost pushRegistry) =>
        new(ImageBuildFailureKind.InvalidInput,
            $"{inputs.Platforms} asks for {asked}, but the offline local base holds this machine's files ({Platform.Machine?.ToString() ?? "another platform"}) only: "
            + $"push a multi-platform base (an image index) to {pushRegistry} and set {inputs.BaseImage} to it.");
}
