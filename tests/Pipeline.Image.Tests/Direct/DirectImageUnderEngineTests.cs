using System.Net;
using CliWrap;
using System.Net.Sockets;
using Docker.DotNet.Models;
using Pipeline.Registry;
using Pipeline.Testing.Docker;
using Pipeline.Testing.Registries;

namespace Pipeline.Image.Tests.Direct;

[Collection(DockerCollection.Name)]
public class DirectImageUnderEngineTests(DockerEngineFixture docker)
{
    private static readonly string BaseCache = Path.Combine(Path.GetTempPath(), "pipeline-test-cache", "direct-base");

    [Fact]
    public async Task BuildAsync_SampleHasTheEngineBuildsFilesAndConfigAndServesHealthz()
    {
        var sample = await SampleImage.GetAsync(docker.Engine);
        var options = new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd };
        await using var registry = await RegistryServer.StartAsync(options);
        using var client = registry.CreateClient();
        var tag = ImageReference.Parse($"{registry.Host}/orders-api:direct");
        var builder = new Image.Direct.DirectImageBuilder(client, new Image.Direct.DirectLocalBase(BaseCache), new CapturingLogger());
        var built = await builder.BuildAsync(SampleDirectBuild.Request(sample, sample.PublishDirectory, tag), CancellationToken.None);

        var pulled = tag.ToString();
        var containers = new List<string>();
        try
        {
            await docker.Client.Images.CreateImageAsync(
                new ImagesCreateParameters { FromImage = $"{registry.Host}/orders-api", Tag = "direct" },
                new AuthConfig { ServerAddress = registry.Host.ToString(), Username = options.Username, Password = options.Password },
                new Progress<JSONMessage>());
            var direct = (await docker.Engine.InspectImageAsync(pulled, CancellationToken.None))!.Config!;
            var engine = (await docker.Engine.InspectImageAsync(sample.Image.ToString(), CancellationToken.None))!.Config!;
            
            direct.Entrypoint.Should().Equal(engine.Entrypoint);
            (direct.Cmd ?? []).Should().Equal(engine.Cmd ?? []);
            direct.Env.Should().Equal(engine.Env);
            direct.User.Should().Be(engine.User);
            direct.WorkingDir.Should().Be(engine.WorkingDir);
            direct.ExposedPorts!.Keys.Should().BeEquivalentTo(engine.ExposedPorts!.Keys);
            // The creation time is the build's: the sample's engine build was made at another time.
            direct.Labels!.Where(label => label.Key != OciLabels.Created)
                .Should().BeEquivalentTo(engine.Labels!.Where(label => label.Key != OciLabels.Created));

            (await docker.Engine.InspectImageAsync(pulled, CancellationToken.None))!.RepoDigests.Should().Contain($"{registry.Host}/orders-api@{built.PushedDigest}");
            var directFiles = await ExportAsync(pulled, containers);
            var engineFiles = await ExportAsync(sample.Image.ToString(), containers);
            directFiles.Keys.Should().Contain("app/Orders.Api.dll");
            directFiles.Should().Equal(engineFiles);

            await RunsAsync(pulled, containers);
        }
        finally
        {
            foreach (var container in containers)
            {
                await docker.Client.Containers.RemoveContainerAsync(container, new ContainerRemoveParameters { Force = true });
            }

            await TestImages.RemoveAsync(docker, pulled);
        }
    }

    private async Task<SortedDictionary<string, string>> ExportAsync(string image, List<string> containers)
    {
        var created = await docker.Client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = $"pipeline-test-image-export-{Guid.NewGuid():N}",
            Image = image,
            HostConfig = new HostConfig { NetworkMode = "host" },
        });
        containers.Add(created.ID);
        // The docker CLI, not Docker.DotNet: the client's chunked stream breaks off on a 100 MB export.
        using var folder = new TemporaryFolder();
        var tar = Path.Combine(folder.Path, "export.tar");
        await Cli.Wrap("docker").WithArguments(["export", "--output", tar, created.ID]).ExecuteAsync();
        await using var export = File.OpenRead(tar);
        return await ImageFiles.ReadAsync(export);
    }

    private async Task RunsAsync(string image, List<string> containers)
    {
        var port = LoopbackHttpProbe.FreeLoopbackPort();
        var container = await docker.Client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = $"pipeline-test-image-direct-{Guid.NewGuid():N}",
            Image = image,
            Env = [$"ASPNETCORE_URLS=http://127.0.0.1:{port}"],
            HostConfig = new HostConfig { NetworkMode = "host" },
        });
        containers.Add(container.ID);
        await docker.Client.Containers.StartContainerAsync(container.ID, new ContainerStartParameters());
        var status = await LoopbackHttpProbe.StatusOnceListeningAsync(port, "/healthz", TimeSpan.FromSeconds(30));
        status.Should().Be(HttpStatusCode.OK, "the directly built image, run by the engine, answers /healthz");
    }
}
