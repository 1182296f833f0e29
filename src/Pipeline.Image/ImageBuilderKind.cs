namespace Pipeline.Image;

/// <summary>Which builder makes the image.</summary>
public enum ImageBuilderKind
{
    /// <summary>The direct builder when the Dockerfile needs no container, else the engine builder (saying why).</summary>
    Auto,

    /// <summary>Pipeline writes the image and pushes it straight to the registry: no Docker engine needed.</summary>
    Direct,

    /// <summary>The Docker engine builds a local image (through the Engine API), which Push then pushes.</summary>
    Engine,
}
