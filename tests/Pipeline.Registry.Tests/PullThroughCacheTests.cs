using Pipeline.Testing.Registries;

namespace Pipeline.Registry.Tests;

public class PullThroughCacheTests
{
    [Fact]
    public async Task FindAsync_ProxyRegistry_ServesTheUpstreamDigest()
    {
        await using var upstream = await RegistryServer.StartAsync(new RegistryServerOptions());
        var digest = await upstream.SeedImageAsync("library/base", "v1");
        await using var proxy = await RegistryServer.StartAsync(new RegistryServerOptions { ProxyRemoteUrl = upstream.BaseUri });
        using var client = proxy.CreateClient();

        var descriptor = await client.FindAsync(ImageReference.Create(proxy.Host, "library/base", "v1"));

        descriptor!.Digest.Should().Be(digest);
    }
}
