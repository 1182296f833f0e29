using Pipeline.Registry;

namespace Pipeline.Image.Direct;

/// <summary>
/// Reads a Dockerfile for the direct builder: a <see cref="DirectBuildPlan"/> when every instruction of the stage
/// built needs no container and is carried out exactly, else a <see cref="DirectBuildRefusal"/> naming the first one
/// that is not. Nothing is approximated.
/// </summary>
public static class DirectBuildPlanner
{
    // What the BASE_IMAGE argument holds when the offline base is asked for: no image reference can be this.
    private const string LocalBaseValue = "\u0000pipeline-local-base";

    /// <summary>Plans the build.</summary>
    /// <exception cref="ImageBuildException">
    /// Of kind <see cref="ImageBuildFailureKind.InvalidInput"/>: the Dockerfile is wrong for Docker too; the message names the line.
    /// </exception>
    public static async Task<DirectBuildOutcome> PlanAsync(DirectBuildPlanRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var dockerfile = request.Context.DockerfilePath;
        var text = request.DockerfileText ?? await File.ReadAllTextAsync(dockerfile, cancellationToken);
        var instructions = DockerfileInstruction.Read(text);
        // A heredoc's body is no instruction: refused before the lines after it are read as if they were.
        if (instructions.FirstOrDefault(IsHeredoc) is { Keyword.Length: > 0 } heredoc)
        {
            return new DirectBuildRefusal(heredoc.Line, heredoc.Text, $"{heredoc.Keyword} with a heredoc (<<) is not one the direct builder reads");
        }

        var problems = DockerfileCheck.Problems(instructions, request.TargetStage).Select(problem => $"{dockerfile}:{problem}").ToList();
        if (problems.Count > 0)
        {
            throw new ImageBuildException(ImageBuildFailureKind.InvalidInput, string.Join(Environment.NewLine, problems));
        }

        if (ParserDirectives.Refusal(text) is { } directive)
        {
            return directive;
        }

        try
        {
            var buildArguments = new Dictionary<string, string>(request.BuildArguments, StringComparer.Ordinal);
            if (request.BaseImage is { } named)
            {
                buildArguments[request.BaseImageArgument] = named.IsLocal ? LocalBaseValue : named.Reference!.Value.ToString();
            }

            request = request with { BuildArguments = buildArguments };
            var (globalArguments, stages) = DockerfileStage.Split(instructions);
            var globals = GlobalArguments(globalArguments, buildArguments, request.Platform);
            var target = request.TargetStage is null
                ? stages[^1]
                : stages.Last(stage => string.Equals(stage.Name, request.TargetStage, StringComparison.OrdinalIgnoreCase));
            var stageNames = stages.TakeWhile(stage => stage != target).Select(stage => stage.Name).OfType<string>();
            var baseImage = ReadFrom(target.From, globals, stageNames, request.Platform);
            if (baseImage.IsScratch)
            {
                // scratch has no settings: nothing of it is unknown.
                request = request with { BaseSettings = request.BaseSettings ?? new ContainerSettings() };
            }

            return await new StagePlanner(request, globals).PlanAsync(baseImage, target, cancellationToken);
        }
        catch (PlanStopped stopped) when (!stopped.IsInvalid)
        {
            return new DirectBuildRefusal(stopped.Instruction.Line, stopped.Instruction.Text, stopped.Message);
        }
        catch (PlanStopped stopped)
        {
            throw new ImageBuildException(ImageBuildFailureKind.InvalidInput, $"{dockerfile}:{stopped.Instruction.Line}: {stopped.Message}");
        }
    }

    private static bool IsHeredoc(DockerfileInstruction instruction) =>
        instruction.Keyword is "RUN" or "COPY" or "ADD"
        && InstructionWords.SplitWhitespace(instruction.Arguments).Any(word => word.StartsWith("<<", StringComparison.Ordinal));

    // The ARGs before the first FROM, which only FROM lines read; BuildKit's automatic platform arguments among them.
    internal static Dictionary<string, string> GlobalArguments(IReadOnlyList<DockerfileInstruction> instructions, IReadOnlyDictionary<string, string> buildArguments, string platform)
    {
        var parts = platform.Split('/');
        var globals = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["TARGETPLATFORM"] = platform, ["TARGETOS"] = parts[0], ["TARGETARCH"] = parts.ElementAtOrDefault(1) ?? string.Empty,
            ["BUILDPLATFORM"] = platform, ["BUILDOS"] = parts[0], ["BUILDARCH"] = parts.ElementAtOrDefault(1) ?? string.Empty,
        };
        foreach (var instruction in instructions)
        {
            foreach (var word in InstructionWords.SplitQuoted(instruction.Arguments))
            {
                var equals = word.IndexOf('=', StringComparison.Ordinal);
                var name = equals < 0 ? word : word[..equals];
                if (buildArguments.TryGetValue(name, out var given))
                {
                    globals[name] = given;
                }
                else if (equals >= 0)
                {
                    globals[name] = ShellExpansion.Expand(word[(equals + 1)..], key => globals.GetValueOrDefault(key), instruction);
                }
            }
        }

        return globals;
    }

    private static DirectBuildBase ReadFrom(DockerfileInstruction from, Dictionary<string, string> globals, IEnumerable<string> earlierStages, string platform)
    {
        var (flags, _) = InstructionWords.TakeFlags(from.Arguments);
        string Expand(string word) => ShellExpansion.Expand(word, key => globals.GetValueOrDefault(key), from);
        foreach (var (name, value) in flags)
        {
            if (name != "platform" || value is null)
            {
                throw PlanStopped.Invalid(from, $"FROM has no flag --{name}: the only one is --platform=os/arch");
            }

            var wanted = Expand(value);
            if (!string.Equals(wanted, platform, StringComparison.OrdinalIgnoreCase))
            {
                throw PlanStopped.Refused(from, $"FROM --platform={wanted} asks for another platform than the one built ({platform})");
            }
        }

        var image = FromImage(from, globals);
        if (earlierStages.Contains(image, StringComparer.OrdinalIgnoreCase))
        {
            throw PlanStopped.Refused(from, $"FROM {image} builds on an earlier stage");
        }

        if (image == LocalBaseValue)
        {
            return DirectBuildBase.Local;
        }

        if (string.Equals(image, "scratch", StringComparison.OrdinalIgnoreCase))
        {
            return DirectBuildBase.Scratch;
        }

        if (image.Contains(LocalBaseValue, StringComparison.Ordinal))
        {
            throw PlanStopped.Invalid(from, "the local base is an image of its own: write FROM ${BASE_IMAGE} with nothing around it");
        }

        return ImageReference.TryParse(image, out var reference)
            ? DirectBuildBase.FromReference(reference)
            : throw PlanStopped.Invalid(from, $"FROM {(image.Length == 0 ? "(empty)" : image)} is not an image reference: set the build argument it reads, or write e.g. FROM mcr.microsoft.com/dotnet/runtime-deps:10.0");
    }

    /// <summary>The image word of a FROM (its flags left out), expanded with the <paramref name="globals"/>.</summary>
    /// <exception cref="PlanStopped">The FROM names nothing, or its word does not expand (an unclosed quote).</exception>
    internal static string FromImage(DockerfileInstruction from, IReadOnlyDictionary<string, string> globals)
    {
        var words = InstructionWords.SplitWhitespace(InstructionWords.TakeFlags(from.Arguments).Remainder);
        return words.Length == 0
            ? throw PlanStopped.Invalid(from, "FROM names no image: write e.g. FROM ${BASE_IMAGE} or FROM scratch")
            : ShellExpansion.Expand(words[0], key => globals.GetValueOrDefault(key), from);
    }
}
