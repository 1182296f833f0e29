namespace Pipeline.Image.Direct;

/// <summary>What the direct builder builds: the build's request plus what the Dockerfile's plan gives.</summary>
public sealed record DirectImageBuildRequest
{
    /// <summary>The tags, context, base, labels and creation time, as for the engine builder.</summary>
    public required ImageBuildRequest Build { get; init; }

    /// <summary>The Dockerfile's COPY/ADD instructions in order, each the entries it adds to the image.</summary>
    public required IReadOnlyList<IReadOnlyList<LayerFile>> Layers { get; init; }

    /// <summary>The Dockerfile's run settings (ENV, USER, ENTRYPOINT, …), applied on top of the base's.</summary>
    public required ContainerSettings Settings { get; init; }

    /// <summary>Split a COPY of a .NET publish output into runtime, packages and application layers.</summary>
    public bool SplitDotNetOutput { get; init; } = true;
}
