using Pipeline.Testing.Registries;

namespace Pipeline.Registry.Tests;

/// <summary>One token-auth registry with its loopback issuer, shared by a test class.</summary>
public sealed class TokenRegistryFixture : IAsyncLifetime
{
    public RegistryServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Token });

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
