using Pipeline.Image;
using Pipeline.Testing.Docker;

namespace Pipeline.Image.Tests;

[Collection(DockerCollection.Name)]
public class LocalBaseImageTests(DockerEngineFixture docker)
{
    [Fact]
    public async Task EnsureAsync_ImportsOnceAndReusesByContentHash()
    {
        var logger = new CapturingLogger();
        var localBase = new LocalBaseImage(docker.Engine, logger);

        var first = await localBase.EnsureAsync(CancellationToken.None);
        var second = await localBase.EnsureAsync(CancellationToken.None);

        second.Should().Be(first);
        first.ToFamiliarString().Should().MatchRegex("^pipeline/local-base:[0-9a-f]{16}$");
        var image = await docker.Engine.InspectImageAsync(first.ToString(), CancellationToken.None);
        image.Should().NotBeNull();
        image!.Config!.Labels.Should().ContainKey(LocalBaseImage.LabelName);
        image.Config.Cmd.Should().Equal("/bin/sh");
        logger.Lines.Count(line => line.Contains("Importing", StringComparison.Ordinal)).Should().BeLessThanOrEqualTo(1);
    }
}
