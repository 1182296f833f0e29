namespace Pipeline.Image.Direct;

/// <summary>
/// The first instruction the direct builder cannot carry out exactly; the engine builder can. Nothing was planned
/// after it.
/// </summary>
/// <param name="Line">The instruction's first line in the Dockerfile (1-based).</param>
/// <param name="Instruction">The instruction as written, continuation lines joined.</param>
/// <param name="Reason">Why, in words, e.g. "RUN needs a container".</param>
public sealed record DirectBuildRefusal(int Line, string Instruction, string Reason) : DirectBuildOutcome
{
    /// <summary><c>line 4: RUN needs a container: the engine builder runs it</c>.</summary>
    public override string ToString() => $"line {Line}: {Reason}: the engine builder runs it ({Shorten(Instruction)})";

    private static string Shorten(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");
}
