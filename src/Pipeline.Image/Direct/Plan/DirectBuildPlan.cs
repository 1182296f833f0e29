namespace Pipeline.Image.Direct;

/// <summary>
/// A Dockerfile the direct builder can carry out exactly: the base, the layers its instructions add in order, and the
/// settings its instructions change. The plan knows nothing of .NET: splitting a layer (runtime, NuGet packages,
/// the application) is the layer writer's.
/// </summary>
public sealed record DirectBuildPlan : DirectBuildOutcome
{
    /// <summary>The image the build starts from.</summary>
    public required DirectBuildBase Base { get; init; }

    /// <summary>The layers added on top of the base's, in Dockerfile order.</summary>
    public required IReadOnlyList<DirectBuildLayer> Layers { get; init; }

    /// <summary>
    /// The Dockerfile's changes to the base's settings, to be merged onto the base image's config:
    /// <list type="bullet">
    /// <item><see cref="ContainerSettings.Env"/> holds only the Dockerfile's <c>ENV</c> pairs; each replaces the base's
    /// pair of the same key in place, or is appended after the base's in this order.</item>
    /// <item><see cref="ContainerSettings.Labels"/> and <see cref="ContainerSettings.ExposedPorts"/> are added to the
    /// base's (a label of the same key replaces the base's).</item>
    /// <item>A null <see cref="ContainerSettings.Entrypoint"/>, <see cref="ContainerSettings.User"/>,
    /// <see cref="ContainerSettings.WorkingDir"/>, <see cref="ContainerSettings.StopSignal"/> or
    /// <see cref="ContainerSettings.Healthcheck"/> keeps the base's.</item>
    /// <item>A null <see cref="ContainerSettings.Cmd"/> keeps the base's; an empty one means the image has none
    /// (an <c>ENTRYPOINT</c> resets the base's <c>CMD</c>, as Docker does, unless a <c>CMD</c> follows).</item>
    /// </list>
    /// </summary>
    public required ContainerSettings Settings { get; init; }
}
