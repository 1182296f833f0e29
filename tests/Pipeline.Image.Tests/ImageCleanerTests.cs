using Docker.DotNet.Models;
using Pipeline.Image;
using Pipeline.Registry;
using Pipeline.Testing.Docker;

namespace Pipeline.Image.Tests;

[Collection(DockerCollection.Name)]
public class ImageCleanerTests(DockerEngineFixture docker)
{
    private Task<LocalTagSnapshot> SnapshotAsync(params ImageReference[] tags) => LocalTagSnapshot.TakeAsync(docker.Engine, tags, CancellationToken.None);

    [Fact]
    public async Task RemoveAsync_UntagsSharedImageThenRemovesItWithLastTag()
    {
        var first = TestImages.UniqueTag("clean");
        var second = first.WithTag("second");
        var absent = first.WithTag("never-built");
        var beforeFirst = await SnapshotAsync(first);
        var beforeRest = await SnapshotAsync(second, absent);
        var built = await TestImages.BuildTinyAsync(docker, first);
        await docker.Engine.TagImageAsync(built.Id, second, CancellationToken.None);
        var cleaner = new ImageCleaner(docker.Engine, new CapturingLogger());
        try
        {
            var untagged = await cleaner.RemoveAsync(beforeFirst, CancellationToken.None);

            untagged.Should().ContainSingle().Which.DeletedImageIds.Should().BeEmpty("another tag still holds the image");
            (await docker.Engine.InspectImageAsync(built.Id, CancellationToken.None)).Should().NotBeNull();

            var removed = await cleaner.RemoveAsync(beforeRest, CancellationToken.None);

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
    public async Task RemoveAsync_ATagTheBuildMoved_PointsBackAtTheImageItHeldBefore()
    {
        var latest = TestImages.UniqueTag("users-latest");
        var users = await TestImages.BuildTinyAsync(docker, latest);
        var before = await SnapshotAsync(latest);
        var build = await TestImages.BuildTinyAsync(docker, latest);
        var logger = new CapturingLogger();
        try
        {
            var removed = await new ImageCleaner(docker.Engine, logger).RemoveAsync(before, CancellationToken.None);

            removed.Should().ContainSingle().Which.DeletedImageIds.Should().Contain(build.Id, "the build's image had no other tag");
            (await docker.Engine.InspectImageAsync(latest.ToString(), CancellationToken.None))!.ID.Should().Be(users.Id, "the user's tag holds their image again");
            logger.Text.Should().Contain("which it held before this build");
        }
        finally
        {
            await TestImages.RemoveAsync(docker, latest.ToString(), users.Id, build.Id);
        }
    }

    [Fact]
    public async Task RemoveAsync_ATagTheFailedBuildNeverApplied_IsLeftAlone()
    {
        var latest = TestImages.UniqueTag("users-latest");
        var users = await TestImages.BuildTinyAsync(docker, latest);
        var before = await SnapshotAsync(latest);
        try
        {
            // The build failed before tagging: the tag still holds the user's image.
            var removed = await new ImageCleaner(docker.Engine, new CapturingLogger()).RemoveAsync(before, CancellationToken.None);

            removed.Should().BeEmpty();
            (await docker.Engine.InspectImageAsync(latest.ToString(), CancellationToken.None))!.ID.Should().Be(users.Id);
        }
        finally
        {
            await TestImages.RemoveAsync(docker, latest.ToString(), users.Id);
        }
    }

    [Fact]
    public async Task RemoveAsync_KeepsImageAContainerUses()
    {
        var tag = TestImages.UniqueTag("in-use");
        var before = await SnapshotAsync(tag);
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
            var removed = await new ImageCleaner(docker.Engine, logger).RemoveAsync(before, CancellationToken.None);

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
