using Pipeline.Image.Direct;

namespace Pipeline.Image.Tests.Direct.Plan;

public class DirectBuildPlannerRefusalTests
{
    [Theory]
    [InlineData("RUN apt-get update", "RUN needs a container")]
    [InlineData("COPY --from=build /out /app", "--from")]
    [InlineData("COPY --link a.txt /app/", "--link")]
    [InlineData("COPY --parents a.txt /app/", "--parents")]
    [InlineData("COPY --exclude=*.pdb . /app/", "--exclude")]
    [InlineData("ONBUILD COPY . /app", "ONBUILD")]
    [InlineData("SHELL [\"/bin/bash\", \"-c\"]", "SHELL")]
    [InlineData("VOLUME /data", "VOLUME")]
    [InlineData("MAINTAINER someone", "MAINTAINER")]
    [InlineData("ADD https://example.com/tool.tar.gz /opt/", "downloads")]
    [InlineData("ADD --checksum=sha256:00 a.txt /opt/", "--checksum")]
    [InlineData("COPY --chown=app:app a.txt /app/", "/etc/passwd")]
    [InlineData("COPY --chmod=u+x a.txt /app/", "octal")]
    [InlineData("COPY <<EOF /app/a.txt", "heredoc")]
    [InlineData("HEALTHCHECK --start-interval=1s CMD true", "--start-interval")]
    [InlineData("LABEL home=$HOME", "$HOME")]
    [InlineData("COPY a.txt relative/", "WORKDIR")]
    [InlineData("ENV X=${Y/a/b}", "expansion")]
    public async Task PlanAsync_RefusesWhatNeedsTheEngineNamingItsLine(string instruction, string reason)
    {
        using var folder = new PlanningFolder();
        folder.Write("a.txt");

        var refusal = await folder.RefusedAsync($"# a comment\nFROM base:1\nUSER 1\n{instruction}\nUSER 2\n");

        refusal.Line.Should().Be(4);
        refusal.Instruction.Should().Be(instruction);
        refusal.Reason.Should().Contain(reason);
        refusal.ToString().Should().StartWith("line 4: ").And.Contain("the engine builder runs it");
    }

    [Fact]
    public async Task PlanAsync_RefusesAddOfALocalArchiveDockerWouldUnpack()
    {
        using var folder = new PlanningFolder();
        var archive = Path.Combine(folder.Context, "tool.bin");
        await using (var file = File.Create(archive))
        await using (var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Fastest))
        {
            gzip.Write("not even a tar"u8);
        }

        var refusal = await folder.RefusedAsync("FROM scratch\nADD tool.bin /opt/\n");

        refusal.Line.Should().Be(2);
        refusal.Reason.Should().Contain("unpack tool.bin");
    }

    [Fact]
    public async Task PlanAsync_RefusesAHeredocBeforeReadingItsBodyAsInstructions()
    {
        using var folder = new PlanningFolder();

        var refusal = await folder.RefusedAsync("FROM scratch\nCOPY <<EOF /app/settings.json\n{ \"a\": 1 }\nEOF\n");

        refusal.Line.Should().Be(2);
        refusal.Reason.Should().Contain("heredoc");
    }

    [Fact]
    public async Task PlanAsync_RefusesABaseThatIsAnEarlierStage()
    {
        using var folder = new PlanningFolder();

        var refusal = await folder.RefusedAsync("FROM base:1 AS build\nUSER 1\nFROM build\nUSER 2\n");

        refusal.Line.Should().Be(3);
        refusal.Reason.Should().Contain("earlier stage");
    }

    [Fact]
    public async Task PlanAsync_RefusesAnotherPlatform()
    {
        using var folder = new PlanningFolder();

        var refusal = await folder.RefusedAsync(
            "FROM --platform=linux/s390x base:1\n", request => request with { Platform = "linux/amd64" });

        refusal.Line.Should().Be(1);
        refusal.Reason.Should().Contain("linux/s390x");
    }

    [Fact]
    public async Task PlanAsync_RefusesTheSyntaxDirective()
    {
        using var folder = new PlanningFolder();

        var refusal = await folder.RefusedAsync("# syntax=docker/dockerfile:1\nFROM scratch\n");

        refusal.Line.Should().Be(1);
        refusal.Reason.Should().Contain("docker/dockerfile:1");
    }

    [Fact]
    public async Task PlanAsync_RefusesASymbolicLinkInTheCopy()
    {
        using var folder = new PlanningFolder();
        folder.Write("app/real.txt");
        File.CreateSymbolicLink(Path.Combine(folder.Context, "app", "link.txt"), "real.txt");

        var refusal = await folder.RefusedAsync("FROM scratch\nCOPY app /app\n");

        refusal.Reason.Should().Contain("app/link.txt is a symbolic link");
    }
}
