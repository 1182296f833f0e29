namespace PipelineRepoBuild;

/// <summary>The MSBuild configuration CompileSolution and Test use.</summary>
internal enum BuildConfiguration
{
    /// <summary>The default: never collides with this program's own Release output under artifacts/bin/_build/release.</summary>
    Debug,

    /// <summary>Optimised build.</summary>
    Release,
}
