using Pipeline.Components.Tests.Builds;
using Pipeline.Components.Tests.Support;
using Pipeline.Testing.Registries;
using Xunit.Abstractions;

namespace Pipeline.Components.Tests;

[Collection(ChainCollection.Name)]
public sealed class PublishWithoutClusterTests(ChainFixture chain, ITestOutputHelper output)
{
    [Fact]
    public async Task Publish_NoClusterConfigured_PushesVerifiedImageDirectlyRendersManifestsAndSkipsDeploy()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });
        await using var workspace = new ConsumerWorkspace(chain, registry, output);

        // PIPELINE_NAMESPACE wins over a NAMESPACE that some other tool set (here to a value no namespace can have).
        var run = await workspace.RunAsync<SampleBuild>(
            workspace.PublishArguments("3.2.1"),
            environment: new Dictionary<string, string> { ["NAMESPACE"] = "Not_Ours", ["PIPELINE_NAMESPACE"] = "tbw-prefixed" });

        run.ExitCode.Should().Be(0, "{0}", run);
        run.StatusOf("Image").Should().Be("Succeeded");
        run.StatusOf("Push").Should().Be("Succeeded");
        run.SummaryValue("Image builder").Should().StartWith("direct builder: the Dockerfile needs no container");
        run.RowOf("CleanImages").Should().Contain("Skipped").And.Contain("this build created no local image");
        run.StatusOf("Render").Should().Be("Succeeded");
        run.RowOf("Deploy").Should().Contain("Skipped").And.Contain("no cluster configured");

        var image = workspace.ReleaseImage("3.2.1");
        using var client = registry.CreateClient();
        var held = await client.FindAsync(image);
        held.Should().NotBeNull("the registry holds {0}", image);
        held!.Digest.Should().Be(run.ImageDigest, "the summary shows the digest the registry resolves the tag to");
        run.SummaryValue("Image").Should().StartWith($"{image}@");

        (await workspace.LocalTagsAsync()).Should().BeEmpty("the direct builder makes no local image");

        File.Exists(workspace.ManifestFile).Should().BeTrue();
        var yaml = await File.ReadAllTextAsync(workspace.ManifestFile);
        yaml.Should().Contain($"image: {registry.Host}/{workspace.Artifact}:v3.2.1");
        yaml.Should().Contain("namespace: tbw-prefixed").And.NotContain("Not_Ours");
        yaml.Should().Contain("imagePullSecrets:\n      - name: regcred");
        yaml.Should().NotContain("kind: Secret", "the pull Secret is written nowhere unless asked");
        foreach (var secret in workspace.PasswordForms)
        {
            yaml.Should().NotContain(secret);
            run.Output.Should().NotContain(secret);
        }
    }
}
