namespace Pipeline.Image.Tests.Direct.Plan;

/// <summary>Dockerfiles Docker rejects too: an <see cref="ImageBuildException"/> naming the file and line, never a refusal.</summary>
public class DirectBuildPlannerInvalidTests
{
    [Theory]
    [InlineData("COPY --chwon=1:1 a.txt /app/", "no flag --chwon")]
    [InlineData("COPY a.txt b.txt /app", "ending in '/'")]
    [InlineData("COPY missing.txt /app/", "missing.txt is not in the build context")]
    [InlineData("COPY *.none /app/", "matches nothing")]
    [InlineData("COPY ../outside.txt /app/", "outside the build context")]
    [InlineData("COPY a.txt", "a source and a destination")]
    [InlineData("EXPOSE http", "'http' is no port")]
    [InlineData("ENV --flag X=1", "takes no flag")]
    [InlineData("LABEL \"unclosed=1", "not closed")]
    [InlineData("HEALTHCHECK --interval=soon CMD true", "--interval=soon")]
    [InlineData("HEALTHCHECK NOW", "CMD and a command, or NONE")]
    [InlineData("STOPSIGNAL sig term", "no signal")]
    [InlineData("USER app other", "USER takes one user")]
    [InlineData("EXPOSE", "names no port")]
    [InlineData("FROM ${UNSET}", "(empty) is not an image reference")]
    public async Task PlanAsync_ThrowsForWhatDockerRejectsNamingTheLine(string instruction, string problem)
    {
        using var folder = new PlanningFolder();
        folder.Write("a.txt");
        folder.Write("b.txt");

        var planning = () => folder.PlanAsync($"FROM scratch\n{instruction}\n");

        var thrown = await planning.Should().ThrowAsync<ImageBuildException>();
        thrown.Which.Kind.Should().Be(ImageBuildFailureKind.InvalidInput);
        thrown.Which.Message.Should().StartWith($"{folder.Dockerfile}:2: ").And.Contain(problem);
    }

    [Fact]
    public async Task PlanAsync_ThrowsLikeDockerfileCheckForAnUnknownInstruction()
    {
        using var folder = new PlanningFolder();

        var planning = () => folder.PlanAsync("FROM scratch\nCOPPY a /b\n");

        (await planning.Should().ThrowAsync<ImageBuildException>()).Which.Message.Should().StartWith($"{folder.Dockerfile}:2: 'COPPY a /b' is not a Dockerfile instruction");
    }
}
