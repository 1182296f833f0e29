namespace Pipeline.Image;

/// <summary>The builder chosen for a build, and why (shown in the log and the summary).</summary>
/// <param name="Kind">The direct or the engine builder (never <see cref="ImageBuilderKind.Auto"/>).</param>
/// <param name="Reason">Why: "asked for", "the Dockerfile needs no container", or the instruction that needs the engine.</param>
public sealed record ImageBuilderChoice(ImageBuilderKind Kind, string Reason)
{
    /// <summary>The direct builder's plan the choice was made by, for the build to use (its context is then read once); null for the engine or an image index.</summary>
    internal Direct.ChosenPlan? Plan { get; init; }

    /// <summary>True when the Docker engine builds, so it must be reachable.</summary>
    public bool NeedsEngine => Kind == ImageBuilderKind.Engine;

    /// <inheritdoc />
    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()} builder: {Reason}";
}
