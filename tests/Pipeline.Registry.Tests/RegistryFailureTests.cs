using Pipeline.Registry.Http;
using Pipeline.Testing.Registries;

namespace Pipeline.Registry.Tests;

public class RegistryFailureTests
{
    [Fact]
    public async Task DeleteAsync_DeleteDisabled_FailsWithDeleteDisabled()
    {
        await using var server = await RegistryServer.StartAsync(new RegistryServerOptions { DeleteEnabled = false });
        await server.SeedImageAsync("app", "v1");
        using var client = server.CreateClient();

        var delete = () => client.DeleteAsync(ImageReference.Create(server.Host, "app", "v1"));

        var failure = await delete.Should().ThrowAsync<RegistryException>();
        failure.Which.Kind.Should().Be(RegistryFailureKind.DeleteDisabled);
        failure.Which.Message.Should().StartWith("delete is disabled on this registry").And.EndWith(": set storage.delete.enabled: true in the registry's configuration");
    }

    [Fact]
    public async Task PingAsync_RegistryStopped_FailsWithUnreachableNamingHostAndPort()
    {
        await using var server = await RegistryServer.StartAsync(new RegistryServerOptions());
        await server.StopAsync();
        using var client = server.CreateClient();

        var ping = () => client.PingAsync();

        var failure = await ping.Should().ThrowAsync<RegistryException>();
        failure.Which.Kind.Should().Be(RegistryFailureKind.Unreachable);
        failure.Which.Message.Should().Contain(server.Host.ToString()).And.Contain("connection refused");
    }

    [Fact]
    public async Task PingAsync_WebUiInsteadOfRegistry_FailsWithNotARegistry()
    {
        await using var webUi = await WebUiServer.StartAsync();
        using var client = new RegistryClient(webUi.Host, RegistryCredentials.Anonymous, new RegistryClientOptions { Scheme = RegistryScheme.Http });

        var ping = () => client.PingAsync();

        var failure = await ping.Should().ThrowAsync<RegistryException>();
        failure.Which.Kind.Should().Be(RegistryFailureKind.NotARegistry);
        failure.Which.Message.Should().Contain("text/html").And.Contain("Docker connector port");
    }
}
