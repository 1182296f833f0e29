using System.Diagnostics;
using Pipeline.Image.Direct;
using Pipeline.Registry;
using Pipeline.Testing.Docker;
using Pipeline.Testing.Registries;
using Xunit.Abstractions;

namespace Pipeline.Image.Tests.Direct;

[Collection(DockerCollection.Name)]
public class DirectImageBuilderTests(DockerEngineFixture docker, ITestOutputHelper output)
{
    private static readonly string BaseCache = Path.Combine(Path.GetTempPath(), "pipeline-test-cache", "direct-base");

    [Fact]
    public async Task BuildAsync_SecondPushOfTheSameInputsUploadsNothing()
    {
        var sample = await SampleImage.GetAsync(docker.Engine);
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });
        using var client = registry.CreateClient();
        var tag = ImageReference.Parse($"{registry.Host}/orders-api:v1");
        var request = SampleDirectBuild.Request(sample, sample.PublishDirectory, tag);

        var first = await TimedAsync("first push", client, request);
        var second = await TimedAsync("second push", client, request);

        first.UploadedBlobs.Should().Be(4, "the base, runtime and application layers and the config (the sample has no NuGet packages)");
        first.UploadedBytes.Should().BeGreaterThan(20_000_000);
        second.UploadedBlobs.Should().Be(0);
        second.UploadedBytes.Should().Be(0);
        second.ReusedBlobs.Should().Be(4);
        second.PushedDigest.Should().Be(first.PushedDigest);
        (await client.FindAsync(tag))!.Digest.Should().Be(first.PushedDigest);
        var config = await client.GetImageConfigurationAsync(tag);
        config.Labels[ContextFingerprint.LabelName].Should().Be(first.Fingerprint.Value);
        config.Labels[OciLabels.BaseName].Should().Contain(LocalBaseImage.Repository + ":");
        config.Created.Should().Be(SampleDirectBuild.Created);
    }

    [Fact]
    public async Task BuildAsync_SameInputsInAnotherFolderGiveTheSameDigestsAndAOneLineChangeUploadsOnlyTheApplicationLayer()
    {
        var sample = await SampleImage.GetAsync(docker.Engine);
        using var copy = new TemporaryFolder();
        SampleDirectBuild.CopyFolder(sample.PublishDirectory, copy.Path);
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });
        using var client = registry.CreateClient();
        var original = await TimedAsync("first push", client,
            SampleDirectBuild.Request(sample, sample.PublishDirectory, ImageReference.Parse($"{registry.Host}/orders-api:v1")));

        var copied = await TimedAsync("same inputs, other folder", client,
            SampleDirectBuild.Request(sample, copy.Path, ImageReference.Parse($"{registry.Host}/orders-api:v1-copy")));
        // A code change recompiles the app's own assembly only; the runtime and the packages stay byte for byte.
        await using (var dll = File.OpenWrite(Path.Combine(copy.Path, "Orders.Api.dll")))
        {
            dll.Seek(0, SeekOrigin.End);
            dll.WriteByte(0x2A);
        }

        var changed = await TimedAsync("one-line change", client,
            SampleDirectBuild.Request(sample, copy.Path, ImageReference.Parse($"{registry.Host}/orders-api:v2")));

        copied.PushedDigest.Should().Be(original.PushedDigest);
        copied.LayerDigests.Should().Equal(original.LayerDigests);
        copied.UploadedBlobs.Should().Be(0);
        changed.LayerDigests.Should().HaveCount(2);
        changed.LayerDigests[0].Should().Be(original.LayerDigests[0], "the runtime layer does not change with the code");
        changed.LayerDigests[1].Should().NotBe(original.LayerDigests[1]);
        changed.UploadedBlobs.Should().Be(2, "the application layer and the config");
        changed.UploadedBytes.Should().BeLessThan(1_000_000);
        (await client.FindAsync(ImageReference.Parse($"{registry.Host}/orders-api:v1")))!.Digest.Should().Be(original.PushedDigest);
    }

    private async Task<ImageBuildResult> TimedAsync(string what, Pipeline.Registry.Http.RegistryClient client, ImageBuildRequest request)
    {
        var builder = new DirectImageBuilder(client, new DirectLocalBase(BaseCache), new CapturingLogger());
        var clock = Stopwatch.StartNew();
        var built = await builder.BuildAsync(request, CancellationToken.None);
        output.WriteLine($"{what}: {clock.Elapsed.TotalSeconds:F2} s, {built.UploadedBlobs} blobs ({built.UploadedBytes:N0} bytes) uploaded, {built.ReusedBlobs} reused, {built.PushedDigest}");
        return built;
    }
}
