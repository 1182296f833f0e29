namespace Pipeline.Image.Direct;

/// <summary>One stage of a Dockerfile: its FROM, its name (or null), and the instructions after the FROM.</summary>
internal sealed record DockerfileStage(DockerfileInstruction From, string? Name, IReadOnlyList<DockerfileInstruction> Instructions)
{
    /// <summary>Cuts the instructions into the global ARGs (before the first FROM) and the stages.</summary>
    public static (IReadOnlyList<DockerfileInstruction> GlobalArguments, IReadOnlyList<DockerfileStage> Stages) Split(IReadOnlyList<DockerfileInstruction> instructions)
    {
        var globals = instructions.TakeWhile(instruction => instruction.Keyword != "FROM").ToList();
        var stages = new List<DockerfileStage>();
        for (var i = globals.Count; i < instructions.Count;)
        {
            var from = instructions[i];
            var body = instructions.Skip(i + 1).TakeWhile(instruction => instruction.Keyword != "FROM").ToList();
            var words = InstructionWords.SplitWhitespace(InstructionWords.TakeFlags(from.Arguments).Remainder);
            var name = words.Length >= 3 && string.Equals(words[1], "AS", StringComparison.OrdinalIgnoreCase) ? words[2] : null;
            stages.Add(new DockerfileStage(from, name, body));
            i += body.Count + 1;
        }

        return (globals, stages);
    }
}
