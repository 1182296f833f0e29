using Pipeline.Testing.Registries;

namespace Pipeline.Registry.Tests;

/// <summary>One TLS registry with a certificate from a test CA, shared by a test class.</summary>
public sealed class TlsRegistryFixture : IAsyncLifetime
{
    public RegistryServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await RegistryServer.StartAsync(new RegistryServerOptions { Tls = true });

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
