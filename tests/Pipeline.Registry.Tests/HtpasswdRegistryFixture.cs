using Pipeline.Testing.Registries;

namespace Pipeline.Registry.Tests;

/// <summary>One registry with htpasswd (Basic) auth shared by a test class.</summary>
public sealed class HtpasswdRegistryFixture : IAsyncLifetime
{
    public RegistryServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
