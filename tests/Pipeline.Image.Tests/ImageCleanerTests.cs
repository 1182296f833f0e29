using Docker.DotNet.Models;
using Pipeline.Image;
using Pipeline.Testing.Docker;

namespace Pipeline.Image.Tests;

[Collection(DockerCollection.Name)]
public class ImageCleanerTests(DockerEngineFixture docker)
{
    [Fact]
    public async Task RemoveAsync_UntagsSharedImageThenRemovesItWithLastTag()
    {
        var first = TestImages.UniqueTag("clean");
        var second = first.WithTag("second");
        var absent = first.WithTag("never-built");
        var built = await TestImages.BuildTinyAsync(docker, first);
        await docker.Engine.TagImageAsync(built.Id, second, CancellationToken.None);
        var cleaner = new ImageCleaner(docker.Engine, new CapturingLogger());
        try
        {
            var untagged = await cleaner.RemoveAsync([first], CancellationToken.None);

            untagged.Should().ContainSingle().Which.DeletedImageIds.Should().BeEmpty("another tag still holds the image");
            (await docker.Engine.InspectImageAsync(built.Id, CancellationToken.None)).Should().NotBeNull();

            var removed = await cleaner.RemoveAsync([second, absent], CancellationToken.None);

            removed.Should().ContainSingle().Which.Tag.Should().Be(second);
            removed[0].DeletedImageIds.Should().Contain(built.Id);
            (await docker.Engine.InspectImageAsync(built.Id, CancellationToken.None)).Should().BeNull();
        }
        finally
        {
            await TestImages.RemoveAsync(docker, first.ToString(), second.ToString(), built.Id);
        }
    }

    [Fact]
    public async Task RemoveAsync_KeepsImageAContainerUses()
    {
        var tag = TestImages.UniqueTag("in-use");
        var built = await TestImages.BuildTinyAsync(docker, tag);
        var container = await docker.Client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = $"pipeline-test-image-in-use-{Guid.NewGuid():N}",
            Image = tag.ToString(),
            HostConfig = new HostConfig { NetworkMode = "host" },
        });
        var logger = new CapturingLogger();
        try
        {
            var removed = await new ImageCleaner(docker.Engine, logger).RemoveAsync([tag], CancellationToken.None);

            removed.Should().BeEmpty();
            (await docker.Engine.InspectImageAsync(tag.ToString(), CancellationToken.None)).Should().NotBeNull();
            logger.Text.Should().Contain("Kept").And.Contain("Remove the container");
        }
        finally
        {
            await docker.Client.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true });
            await TestImages.RemoveAsync(docker, tag.ToString(), built.Id);
        }
    }
}
