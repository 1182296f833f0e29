using Pipeline.Image;

namespace Pipeline.Image.Tests;

public class DockerfileCheckTests
{
    [Fact]
    public async Task CheckAsync_TheSamplesDockerfile_Passes()
    {
        using var folder = new TemporaryFolder();
        var dockerfile = folder.Write("Dockerfile", """
            # syntax=docker/dockerfile:1
            ARG BASE_IMAGE=scratch
            FROM ${BASE_IMAGE} AS final
            WORKDIR /app
            COPY --chown=1000:1000 . \
                 /app/
            # a comment between instructions
            ENTRYPOINT ["/app/Orders.Api"]
            """);

        await DockerfileCheck.CheckAsync(dockerfile, "final", CancellationToken.None);
    }

    [Fact]
    public async Task CheckAsync_EveryProblem_IsReportedTogetherWithItsLine()
    {
        using var folder = new TemporaryFolder();
        var dockerfile = folder.Write("Dockerfile", "COPY . /app\nFROM scratch\nCOPPY . /app\nRUN true\n");

        var act = () => DockerfileCheck.CheckAsync(dockerfile, "build", CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<ImageBuildException>()).Which;
        failure.Kind.Should().Be(ImageBuildFailureKind.InvalidInput);
        failure.Message.Should().Contain($"{dockerfile}:1: COPY comes before the first FROM")
            .And.Contain($"{dockerfile}:3: 'COPPY . /app' is not a Dockerfile instruction")
            .And.Contain("the build target 'build' is not a stage of this Dockerfile (none is named)");
    }

    [Fact]
    public async Task CheckAsync_NoFrom_SaysSo()
    {
        using var folder = new TemporaryFolder();
        var dockerfile = folder.Write("Dockerfile", "ARG X=1\n");

        var act = () => DockerfileCheck.CheckAsync(dockerfile, null, CancellationToken.None);

        (await act.Should().ThrowAsync<ImageBuildException>()).WithMessage("*no FROM instruction*");
    }

    [Fact]
    public async Task CheckAsync_MissingFile_NamesThePath()
    {
        using var folder = new TemporaryFolder();
        var missing = Path.Combine(folder.Path, "Dockerfile");

        var act = () => DockerfileCheck.CheckAsync(missing, null, CancellationToken.None);

        (await act.Should().ThrowAsync<ImageBuildException>()).WithMessage($"the Dockerfile {missing} does not exist*");
    }
}
