using Pipeline.Packages.Tests.Support;
using Pipeline.Registry;
using Pipeline.Testing.Registries;
using Xunit.Abstractions;

namespace Pipeline.Packages.Tests;

[Collection(PackagesCollection.Name)]
public sealed class ConsumerSampleTests(PackedFeedFixture feed, ITestOutputHelper output)
{
    [Fact]
    public async Task BuildShPublish_PackagesFromTheLocalFeed_PushesVerifiedImageRemovesItLocallyAndRendersTheDeployment()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });
        var consumer = feed.Sample("consumer");

        var run = await ProcessRun.RunAsync(Path.Combine(consumer, "build.sh"),
            ["Publish", "--registry", registry.Host.ToString(), "--registry-username", registry.Credentials.Username!, "--release", "1.4.0"],
            consumer,
            new Dictionary<string, string?> { ["PIPELINE_VERSION"] = feed.Version, ["REGISTRY_PASSWORD"] = registry.Credentials.Password },
            output);

        run.ExitCode.Should().Be(0, "{0}", run);
        run.Output.Should().Contain("no cluster configured", "without a cluster Deploy is skipped and Publish still succeeds");
        var restored = Path.Combine(consumer, "artifacts", "obj", "_build", "project.assets.json");
        (await File.ReadAllTextAsync(restored)).Should().Contain($"Pipeline.Components/{feed.Version}", "the build references the packages by version");
        // "inventory" and deploy/Dockerfile come from the consumer's Build.cs overrides.
        var image = ImageReference.Create(registry.Host, "inventory", "v1.4.0");
        await PublishedImageChecks.ShouldHavePublishedAsync(registry, feed.Engine, image, run, Path.Combine(consumer, "artifacts", "k8s", "inventory.yaml"));
    }
}
