using Pipeline.Packages.Tests.Support;
using Pipeline.Registry;
using Pipeline.Testing.Registries;
using Xunit.Abstractions;

namespace Pipeline.Packages.Tests;

[Collection(PackagesCollection.Name)]
public sealed class CakeSampleTests(PackedFeedFixture feed, ITestOutputHelper output)
{
    [Fact]
    public async Task CakeScript_PackagesFromTheLocalFeed_RunsTheChainThroughTheStageUseCasesAndKeepsReleasesImmutable()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });
        var cake = feed.Sample("cake");
        var script = Path.Combine(cake, "build.cake");
        var committed = await File.ReadAllTextAsync(script);
        committed.Should().Contain("version=0.1.0-dev", "the script pins the package version this test replaces with the packed one");
        await File.WriteAllTextAsync(script, committed.Replace("version=0.1.0-dev", $"version={feed.Version}", StringComparison.Ordinal));
        var environment = new Dictionary<string, string?> { ["REGISTRY_PASSWORD"] = registry.Credentials.Password, ["NO_COLOR"] = "1" };

        var restore = await ProcessRun.RunAsync("dotnet", ["tool", "restore"], cake, environment, output);
        var run = await ProcessRun.RunAsync("dotnet",
            ["cake", "build.cake", $"--registry={registry.Host}", $"--registry-username={registry.Credentials.Username}", "--release=1.5.0"],
            cake, environment, output);

        restore.ExitCode.Should().Be(0, "Cake.Tool installs from the tool manifest, {0}", restore);
        run.ExitCode.Should().Be(0, "{0}", run);
        Directory.Exists(Path.Combine(cake, "tools", "Addins", $"Pipeline.Image.{feed.Version}")).Should().BeTrue("the addin comes from the local feed");
        var image = ImageReference.Create(registry.Host, "orders-api", "v1.5.0");
        await PublishedImageChecks.ShouldHavePublishedAsync(registry, feed.Engine, image, run, Path.Combine(cake, "artifacts", "k8s", "orders-api.yaml"));

        // The same release again with other content: the release guard refuses it before building, as ./build.sh does.
        using var client = registry.CreateClient();
        var released = (await client.FindAsync(image))!.Digest;
        await File.WriteAllTextAsync(Path.Combine(cake, "artifacts", "publish", "orders-api", "changed.txt"), "content the release does not hold");
        var again = await ProcessRun.RunAsync("dotnet",
            ["cake", "build.cake", $"--registry={registry.Host}", $"--registry-username={registry.Credentials.Username}", "--release=1.5.0"],
            cake, environment, output);

        again.ExitCode.Should().NotBe(0, "{0}", again);
        again.Output.Should().Contain($"v1.5.0 already holds other content in {registry.Host}");
        again.Output.Should().NotContain("Pushed and verified");
        (await client.FindAsync(image))!.Digest.Should().Be(released, "the released tag keeps its image");
        var localImages = await feed.Engine.ListImagesAsync(null, all: false, CancellationToken.None);
        localImages.SelectMany(local => local.RepoTags ?? []).Should().NotContain(image.ToString(), "nothing was built, nothing is left");
    }
}
