using System.Text.RegularExpressions;
using Pipeline.Image;
using Pipeline.Registry;
using Pipeline.Testing.Registries;

namespace Pipeline.Packages.Tests.Support;

/// <summary>What every way of running the chain must leave: the verified image in the registry, no local image, the Deployment.</summary>
internal static partial class PublishedImageChecks
{
    public static async Task ShouldHavePublishedAsync(RegistryServer registry, IContainerEngine engine, ImageReference image, ProcessRun run, string manifestFile)
    {
        var printed = PrintedDigest().Match(run.Output);
        printed.Success.Should().BeTrue("the run prints {0}@sha256:…, {1}", image, run);
        using var client = registry.CreateClient();
        var held = await client.FindAsync(image);
        held.Should().NotBeNull("the registry holds {0}", image);
        held!.Digest.ToString().Should().Be(printed.Groups["digest"].Value, "the digest printed is the one the registry resolves the tag to");
        run.Output.Should().Contain($"{image}@{held.Digest}");

        var localImages = await engine.ListImagesAsync(null, all: false, CancellationToken.None);
        localImages.SelectMany(local => local.RepoTags ?? []).Should().NotContain(image.ToString(), "the local image is removed after the push");

        File.Exists(manifestFile).Should().BeTrue("{0} is rendered", manifestFile);
        var yaml = await File.ReadAllTextAsync(manifestFile);
        yaml.Should().Contain("kind: Deployment").And.Contain($"image: {image}");
        yaml.Should().Contain($"{held.Digest}", "the Deployment records the pushed digest");
        run.Output.Should().NotContain(registry.Credentials.Password!);
        yaml.Should().NotContain(registry.Credentials.Password!);
    }

    [GeneratedRegex(@"@(?<digest>sha256:[0-9a-f]{64})")]
    private static partial Regex PrintedDigest();
}
