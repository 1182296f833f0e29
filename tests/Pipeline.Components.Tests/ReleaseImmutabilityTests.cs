using Pipeline.Components.Tests.Builds;
using Pipeline.Components.Tests.Support;
using Pipeline.Testing.Registries;
using Xunit.Abstractions;

namespace Pipeline.Components.Tests;

[Collection(ChainCollection.Name)]
public sealed class ReleaseImmutabilityTests(ChainFixture chain, ITestOutputHelper output)
{
    [Fact]
    public async Task Publish_SameReleaseSameContent_SkipsImageAndPushAndReusesTheDigest()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });
        await using var workspace = new ConsumerWorkspace(chain, registry, output);
        var first = await workspace.RunAsync<SampleBuild>(workspace.PublishArguments("3.2.1"));
        first.ExitCode.Should().Be(0, "{0}", first);

        var again = await workspace.RunAsync<SampleBuild>(workspace.PublishArguments("3.2.1"));

        again.ExitCode.Should().Be(0, "{0}", again);
        again.RowOf("Image").Should().Contain("Skipped").And.Contain("already holds this content");
        again.RowOf("Push").Should().Contain("Skipped").And.Contain("already holds this content");
        again.RowOf("CleanImages").Should().Contain("Skipped").And.Contain("created no local image");
        again.StatusOf("Render").Should().Be("Succeeded");
        again.ImageDigest.Should().Be(first.ImageDigest);
        using var client = registry.CreateClient();
        (await client.FindAsync(workspace.ReleaseImage("3.2.1")))!.Digest.Should().Be(first.ImageDigest);
        (await workspace.LocalTagsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Publish_SameReleaseOtherContent_FailsBeforeBuildingAndLeavesTheRegistryAlone()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });
        await using var workspace = new ConsumerWorkspace(chain, registry, output);
        var first = await workspace.RunAsync<SampleBuild>(workspace.PublishArguments("3.2.1"));
        first.ExitCode.Should().Be(0, "{0}", first);

        // A build argument is part of the content fingerprint: same release, different image.
        var changed = await workspace.RunAsync<SampleBuild>(workspace.PublishArguments("3.2.1", "--build-args", "PIPELINE_E2E=changed"));

        changed.ExitCode.Should().Be(1, "{0}", changed);
        changed.StatusOf("Image").Should().Be("Failed");
        changed.Output.Should().Contain("bump --release, or pass --overwrite-tag");
        changed.Output.Should().NotContain("Step 1/", "the guard runs before anything is built");
        changed.StatusOf("Push").Should().Be("NotRun");
        changed.StatusOf("Render").Should().Be("NotRun");
        using var client = registry.CreateClient();
        (await client.FindAsync(workspace.ReleaseImage("3.2.1")))!.Digest.Should().Be(first.ImageDigest);
        (await workspace.LocalTagsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Publish_SameReleaseWithANewExtraTag_TagsItInTheRegistryWithoutRebuilding()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });
        await using var workspace = new ConsumerWorkspace(chain, registry, output);
        var first = await workspace.RunAsync<SampleBuild>(workspace.PublishArguments("3.2.1"));
        first.ExitCode.Should().Be(0, "{0}", first);

        var again = await workspace.RunAsync<SampleBuild>(workspace.PublishArguments("3.2.1", "--extra-tags", "latest"));

        again.ExitCode.Should().Be(0, "{0}", again);
        again.RowOf("Image").Should().Contain("Skipped").And.Contain("already holds this content");
        using var client = registry.CreateClient();
        (await client.FindAsync(workspace.ReleaseImage("3.2.1").WithTag("latest")))!.Digest.Should().Be(first.ImageDigest);
        (await workspace.LocalTagsAsync()).Should().BeEmpty();
    }
}
