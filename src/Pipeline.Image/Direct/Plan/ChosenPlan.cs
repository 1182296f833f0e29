namespace Pipeline.Image.Direct;

/// <summary>
/// The plan <see cref="ImageBuilderSelection"/> chose the direct builder by, handed on to <see cref="DirectImageBuilder"/>
/// so that one build reads its context and Dockerfile once. The builder takes it only for a build of the same inputs;
/// the image and its fingerprint are then both of the context as it was read for the choice.
/// </summary>
/// <param name="For">The build the choice was made for.</param>
/// <param name="Request">What was planned: the context read, the Dockerfile's text.</param>
/// <param name="Plan">The plan, without the base's settings.</param>
internal sealed record ChosenPlan(ImageBuildRequest For, DirectBuildPlanRequest Request, DirectBuildPlan Plan)
{
    /// <summary>True when <paramref name="build"/> plans as <see cref="For"/> did: one platform, the same context, Dockerfile, ignore file, arguments, target and base.</summary>
    public bool Fits(ImageBuildRequest build)
    {
        ArgumentNullException.ThrowIfNull(build);
        return build.Platforms.Count == 0 && For.Platforms.Count == 0
            && SamePath(build.ContextDirectory, For.ContextDirectory)
            && SamePath(build.Dockerfile, For.Dockerfile)
            && (build.IgnoreFile ?? string.Empty) == (For.IgnoreFile ?? string.Empty)
            && build.TargetStage == For.TargetStage
            && build.BaseImage == For.BaseImage
            && build.BaseImageArgument == For.BaseImageArgument
            && build.BuildArguments.Count == For.BuildArguments.Count
            && build.BuildArguments.All(pair => For.BuildArguments.TryGetValue(pair.Key, out var value) && value == pair.Value);
    }

    private static bool SamePath(string one, string other) => Path.GetFullPath(one) == Path.GetFullPath(other);
}
