namespace Pipeline.Image.Direct;

/// <summary>
/// What <see cref="DirectBuildPlanner"/> decided for a Dockerfile: a <see cref="DirectBuildPlan"/> the direct builder
/// carries out, or a <see cref="DirectBuildRefusal"/> saying which instruction needs the engine builder and why.
/// </summary>
public abstract record DirectBuildOutcome;
