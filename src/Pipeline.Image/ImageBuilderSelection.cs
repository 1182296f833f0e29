using Pipeline.Image.Direct;
using Pipeline.Version;

namespace Pipeline.Image;

/// <summary>
/// Chooses the builder before anything connects to an engine: the direct builder when the Dockerfile needs no
/// container (its base may be the offline base, scratch, or an image in any registry), else the engine builder,
/// with the reason. An explicit <c>direct</c> that cannot be honoured fails with
/// the instruction's line instead of falling back.
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
        if (asked == ImageBuilderKind.Engine)
        {
            return new ImageBuilderChoice(ImageBuilderKind.Engine, $"{inputs.ImageBuilder} asks for it");
        }

        var outcome = await DirectBuildPlanner.PlanAsync(await DirectBuildPlanRequest.ForBuildAsync(request, cancellationToken), cancellationToken);
        var needsEngine = outcome is DirectBuildRefusal refusal ? refusal.ToString() : null;
        if (needsEngine is null)
        {
            return new ImageBuilderChoice(ImageBuilderKind.Direct, asked == ImageBuilderKind.Direct
                ? $"{inputs.ImageBuilder} asks for it"
                : "the Dockerfile needs no container, so no Docker engine is used");
        }

        return asked == ImageBuilderKind.Direct
            ? throw new ImageBuildException(ImageBuildFailureKind.NeedsEngine,
                $"{request.Dockerfile}: {needsEngine}; the direct builder asked for by {inputs.ImageBuilder} cannot build it: choose auto or engine")
            : new ImageBuilderChoice(ImageBuilderKind.Engine, needsEngine);
    }
}
