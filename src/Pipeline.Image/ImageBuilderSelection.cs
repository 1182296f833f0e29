using Pipeline.Image.Direct;
using Pipeline.Version;

namespace Pipeline.Image;

/// <summary>
/// Chooses the builder before anything connects to an engine: the direct builder when the Dockerfile needs no
/// container (its base may be the offline base, scratch, or an image in any registry), else the engine builder,
/// with the reason. An explicit <c>direct</c> that cannot be honoured fails with
/// the instruction's line instead of falling back. A multi-platform build (an image index) is the direct builder's
/// alone: one that would need the engine fails, saying why.
/// </summary>
public static class ImageBuilderSelection
{
    /// <summary>Decides.</summary>
    /// <param name="asked">What the user asked for.</param>
    /// <param name="request">The build.</param>
    /// <param name="inputs">What the caller calls its inputs, for the fix.</param>
    /// <param name="cancellationToken">Cancels the planning.</param>
    /// <exception cref="ImageBuildException">
    /// The Dockerfile is invalid, or <see cref="ImageBuilderKind.Direct"/> was asked for a Dockerfile it cannot build
    /// (<see cref="ImageBuildFailureKind.NeedsEngine"/>).
    /// </exception>
    public static async Task<ImageBuilderChoice> ChooseAsync(
        ImageBuilderKind asked, ImageBuildRequest request, StageInputNames inputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(inputs);
        var platforms = request.Platforms.Count > 0;
        if (asked == ImageBuilderKind.Engine)
        {
            return platforms
                ? throw PlatformChecks.NeedsDirectBuilder(inputs, $"{inputs.ImageBuilder} asks for the engine builder")
                : new ImageBuilderChoice(ImageBuilderKind.Engine, $"{inputs.ImageBuilder} asks for it");
        }

        // Every platform's context is planned alike (the same Dockerfile): the first one answers for them.
        var planned = platforms ? request with { ContextDirectory = request.Platforms[0].ContextDirectory } : request;
        var planRequest = await DirectBuildPlanRequest.ForBuildAsync(planned, cancellationToken);
        var outcome = await DirectBuildPlanner.PlanAsync(planRequest, cancellationToken);
        var needsEngine = outcome is DirectBuildRefusal refusal ? refusal.ToString() : null;
        if (needsEngine is null)
        {
            return new ImageBuilderChoice(ImageBuilderKind.Direct, asked == ImageBuilderKind.Direct
                ? $"{inputs.ImageBuilder} asks for it"
                : "the Dockerfile needs no container, so no Docker engine is used")
            {
                // Handed on: the build reads the context once (an image index plans each platform's own).
                Plan = !platforms && outcome is DirectBuildPlan plan ? new ChosenPlan(request, planRequest, plan) : null,
            };
        }

        if (platforms)
        {
            throw PlatformChecks.NeedsDirectBuilder(inputs, $"{request.Dockerfile} needs the engine builder: {needsEngine}");
        }

        return asked == ImageBuilderKind.Direct
            ? throw new ImageBuildException(ImageBuildFailureKind.NeedsEngine,
                $"{request.Dockerfile}: {needsEngine}; the direct builder asked for by {inputs.ImageBuilder} cannot build it: choose auto or engine")
            : new ImageBuilderChoice(ImageBuilderKind.Engine, needsEngine);
    }
}
