using Pipeline.Image.Direct;

namespace Pipeline.Image;

/// <summary>
/// The images a Dockerfile's FROM lines name, read as the direct builder's planner reads them (the ARGs before the
/// first FROM, given build arguments, Docker's expansions), so an engine build can check its bases are on this machine
/// before the engine tries to pull them. Stage names and <c>scratch</c> are not images.
/// </summary>
internal static class DockerfileBaseImages
{
    /// <exception cref="ImageBuildException">A FROM names nothing or does not expand; the message names its line.</exception>
    public static IReadOnlyList<string> Read(string dockerfileText, IReadOnlyDictionary<string, string> buildArguments, string dockerfilePath = "Dockerfile")
    {
        var (globalArguments, stages) = DockerfileStage.Split(DockerfileInstruction.Read(dockerfileText));
        var globals = DirectBuildPlanner.GlobalArguments(globalArguments, buildArguments, Platform.Machine?.ToString() ?? "linux/amd64");
        var stageNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var images = new List<string>();
        foreach (var stage in stages)
        {
            string image;
            try
            {
                image = DirectBuildPlanner.FromImage(stage.From, globals);
            }
            catch (PlanStopped stopped)
            {
                throw new ImageBuildException(ImageBuildFailureKind.InvalidInput, $"{dockerfilePath}:{stopped.Instruction.Line}: {stopped.Message}");
            }

            if (!stageNames.Contains(image) && !string.Equals(image, "scratch", StringComparison.OrdinalIgnoreCase) && !images.Contains(image))
            {
                images.Add(image);
            }

            if (stage.Name is { } name)
            {
                stageNames.Add(name);
            }
        }

        return images;
    }
}
