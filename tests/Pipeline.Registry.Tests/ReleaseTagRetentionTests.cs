using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Registry.Retention;
using Pipeline.Testing.Registries;

namespace Pipeline.Registry.Tests;

public sealed class ReleaseTagRetentionTests
{
    [Fact]
    public async Task ApplyAsync_KeepsNewestReleasesByVersionOrder_AndDeletesTheRest()
    {
        await using var server = await RegistryServer.StartAsync(new RegistryServerOptions());
        // Pushed out of order, with a pre-release and a non-release tag: precedence, not push order, decides.
        foreach (var tag in new[] { "v1.10.0", "v1.2.0", "v1.9.0", "v2.0.0-rc.1", "v1.0.0", "latest-build" })
        {
            await server.SeedImageAsync("orders", tag);
        }

        using var client = server.CreateClient();
        var result = await new ReleaseTagRetention(client, NullLogger.Instance).ApplyAsync("orders", keep: 2, CancellationToken.None);

        result.Kept.Should().Equal("v2.0.0-rc.1", "v1.10.0");
        result.Deleted.Should().BeEquivalentTo("v1.9.0", "v1.2.0", "v1.0.0");
        (await client.Repositories.ListTagsAsync("orders")).Should().BeEquivalentTo("v2.0.0-rc.1", "v1.10.0", "latest-build");
    }

    [Fact]
    public async Task ApplyAsync_SparesAnOldTagThatSharesItsManifestWithAKeptTag()
    {
        await using var server = await RegistryServer.StartAsync(new RegistryServerOptions());
        await server.SeedImageAsync("orders", "v1.0.0");
        await server.SeedImageAsync("orders", "v2.0.0");
        using var client = server.CreateClient();
        // v0.9.0 is the same manifest as the kept v2.0.0: deleting it would delete v2.0.0 too.
        await client.TagAsync(ImageReference.Create(server.Host, "orders", "v2.0.0"), "v0.9.0");

        var result = await new ReleaseTagRetention(client, NullLogger.Instance).ApplyAsync("orders", keep: 1, CancellationToken.None);

        result.Deleted.Should().Equal("v1.0.0");
        result.Spared.Should().Equal("v0.9.0");
        (await client.Repositories.ListTagsAsync("orders")).Should().BeEquivalentTo("v2.0.0", "v0.9.0");
    }

    [Fact]
    public async Task ApplyAsync_OnRegistryWithDeleteDisabled_FailsNamingTheFix()
    {
        await using var server = await RegistryServer.StartAsync(new RegistryServerOptions { DeleteEnabled = false });
        await server.SeedImageAsync("orders", "v1.0.0");
        await server.SeedImageAsync("orders", "v2.0.0");
        using var client = server.CreateClient();

        var act = () => new ReleaseTagRetention(client, NullLogger.Instance).ApplyAsync("orders", keep: 1, CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<RegistryException>()).Which;
        failure.Kind.Should().Be(RegistryFailureKind.DeleteDisabled);
        failure.Message.Should().Contain("storage.delete.enabled");
    }

    [Fact]
    public async Task ApplyAsync_WithKeepBelowOne_RefusesBeforeTouchingTheRegistry()
    {
        await using var server = await RegistryServer.StartAsync(new RegistryServerOptions());
        await server.SeedImageAsync("orders", "v1.0.0");
        using var client = server.CreateClient();

        var act = () => new ReleaseTagRetention(client, NullLogger.Instance).ApplyAsync("orders", keep: 0, CancellationToken.None);

        (await act.Should().ThrowAsync<ArgumentOutOfRangeException>()).Which.Message.Should().Contain("keep must be at least 1");
        (await client.Repositories.ListTagsAsync("orders")).Should().Equal("v1.0.0");
    }
}
