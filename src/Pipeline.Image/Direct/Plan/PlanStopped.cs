namespace Pipeline.Image.Direct;

/// <summary>
/// Ends planning at one instruction: either the direct builder cannot do it exactly (a refusal, the engine builder
/// can), or Docker would reject it too (an invalid Dockerfile). Caught by <see cref="DirectBuildPlanner"/> only.
/// </summary>
internal sealed class PlanStopped : Exception
{
    private PlanStopped(DockerfileInstruction instruction, string reason, bool isInvalid)
        : base(reason)
    {
        Instruction = instruction;
        IsInvalid = isInvalid;
    }

    public DockerfileInstruction Instruction { get; }

    /// <summary>True when Docker would fail the build too; false for what only the direct builder cannot do.</summary>
    public bool IsInvalid { get; }

    public static PlanStopped Refused(DockerfileInstruction instruction, string reason) => new(instruction, reason, isInvalid: false);

    public static PlanStopped Invalid(DockerfileInstruction instruction, string problem) => new(instruction, problem, isInvalid: true);
}
