using Pipeline.Testing.Registries;

namespace Pipeline.Registry.Tests;

/// <summary>One open plain-HTTP registry shared by a test class.</summary>
public sealed class PlainRegistryFixture : IAsyncLifetime
{
    public RegistryServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await RegistryServer.StartAsync(new RegistryServerOptions());

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
