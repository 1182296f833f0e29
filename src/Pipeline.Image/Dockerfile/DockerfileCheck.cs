namespace Pipeline.Image;

/// <summary>
/// Reads a Dockerfile the way the build will, before anything is compiled or built: it exists, every instruction is
/// one Docker knows, a <c>FROM</c> comes before any other instruction but <c>ARG</c>, and the stage to build is
/// declared. Each problem names its line and the fix; all of them are reported together.
/// </summary>
public static class DockerfileCheck
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM", "HEALTHCHECK", "LABEL", "MAINTAINER",
        "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR",
    };

    /// <summary>Checks <paramref name="dockerfile"/>, and that <paramref name="targetStage"/> (when given) is one of its stages.</summary>
    /// <exception cref="ImageBuildException">Of kind <see cref="ImageBuildFailureKind.InvalidInput"/>, with every problem found.</exception>
    public static async Task CheckAsync(string dockerfile, string? targetStage, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(dockerfile);
        if (!File.Exists(dockerfile))
        {
            throw new ImageBuildException(
                ImageBuildFailureKind.InvalidInput,
                $"the Dockerfile {dockerfile} does not exist: write one there, or name yours with the Dockerfile setting");
        }

        var text = await File.ReadAllTextAsync(dockerfile, cancellationToken);
        var problems = Problems(DockerfileInstruction.Read(text), targetStage).Select(problem => $"{dockerfile}:{problem}").ToList();
        if (problems.Count > 0)
        {
            throw new ImageBuildException(ImageBuildFailureKind.InvalidInput, string.Join(Environment.NewLine, problems));
        }
    }

    internal static IEnumerable<string> Problems(IReadOnlyList<DockerfileInstruction> instructions, string? targetStage)
    {
        var stages = new List<string>();
        var seenFrom = false;
        foreach (var instruction in instructions)
        {
            if (!Keywords.Contains(instruction.Keyword))
            {
                yield return $"{instruction.Line}: '{Shorten(instruction.Text)}' is not a Dockerfile instruction: start the line with one "
                    + "(FROM, RUN, COPY, …), or end the line before it with '\\' to continue it";
                continue;
            }

            if (instruction.Keyword == "FROM")
            {
                seenFrom = true;
                var words = instruction.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(word => !word.StartsWith("--", StringComparison.Ordinal)).ToArray();
                if (words.Length == 0)
                {
                    yield return $"{instruction.Line}: FROM names no image: write e.g. FROM ${{BASE_IMAGE}} or FROM scratch";
                }
                else if (words.Length >= 3 && string.Equals(words[1], "AS", StringComparison.OrdinalIgnoreCase))
                {
                    stages.Add(words[2]);
                }
            }
            else if (!seenFrom && instruction.Keyword != "ARG")
            {
                yield return $"{instruction.Line}: {instruction.Keyword} comes before the first FROM: only ARG may; move it after FROM";
            }
        }

        if (!seenFrom)
        {
            yield return "1: no FROM instruction: a Dockerfile starts from an image, e.g. FROM scratch";
        }
        else if (targetStage is { Length: > 0 } && !stages.Contains(targetStage, StringComparer.OrdinalIgnoreCase))
        {
            var declared = stages.Count == 0 ? "none is named" : "its stages are " + string.Join(", ", stages);
            yield return $"1: the build target '{targetStage}' is not a stage of this Dockerfile ({declared}): name one of them, or build the last";
        }
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");
}
