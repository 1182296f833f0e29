using System.Net;
using System.Net.Sockets;
using Docker.DotNet.Models;
using Pipeline.Image;
using Pipeline.Testing.Docker;

namespace Pipeline.Image.Tests;

[Collection(DockerCollection.Name)]
public class SampleImageTests(DockerEngineFixture docker)
{
    [Fact]
    public async Task SampleImage_BuiltOnLocalBaseServesHealthzOnHostNetwork()
    {
        var logger = new CapturingLogger();
        var sample = await SampleImage.GetAsync(docker.Engine, logger);
        var image = await docker.Engine.InspectImageAsync(sample.Image.ToString(), CancellationToken.None);
        image.Should().NotBeNull();
        image!.Config!.Labels.Should().ContainKey(ContextFingerprint.LabelName);
        image.Config!.Labels[OciLabels.BaseName].Should().Contain("pipeline/local-base:");
        image.Config.Entrypoint.Should().Equal(SampleImage.Entrypoint);
        File.Exists(Path.Combine(sample.PublishDirectory, "Orders.Api")).Should().BeTrue();

        var port = LoopbackHttpProbe.FreeLoopbackPort();
        var name = $"pipeline-test-image-orders-{Guid.NewGuid():N}";
        var container = await docker.Client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = name,
            Image = sample.Image.ToString(),
            Env = [$"ASPNETCORE_URLS=http://127.0.0.1:{port}"],
            HostConfig = new HostConfig { NetworkMode = "host" },
        });
        try
        {
            await docker.Client.Containers.StartContainerAsync(container.ID, new ContainerStartParameters());
            var status = await LoopbackHttpProbe.StatusOnceListeningAsync(port, "/healthz", TimeSpan.FromSeconds(30));
            status.Should().Be(HttpStatusCode.OK, "the app in the container answers /healthz (container {0})", name);
        }
        finally
        {
            await docker.Client.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true });
        }
    }

    [Fact]
    public async Task SampleImage_IsReusedForSameSources()
    {
        var first = await SampleImage.GetAsync(docker.Engine);
        var id = (await docker.Engine.InspectImageAsync(first.Image.ToString(), CancellationToken.None))!.ID;

        var second = await SampleImage.GetAsync(docker.Engine);

        second.Image.Should().Be(first.Image);
        second.PublishDirectory.Should().Be(first.PublishDirectory);
        (await docker.Engine.InspectImageAsync(second.Image.ToString(), CancellationToken.None))!.ID.Should().Be(id);
        File.Exists(second.Dockerfile).Should().BeTrue();
        File.Exists(second.IgnoreFile).Should().BeTrue();
    }
}
