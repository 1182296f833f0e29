using k8s;
using Pipeline.Testing.Registries;

namespace Pipeline.Cluster.Tests;

/// <summary>
/// A real docker-registry with basic auth (htpasswd) and the Kubernetes API server TEST DOUBLE, shared by the
/// tests of the "cluster" collection; each test works in its own namespace.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public RegistryServer Registry { get; private set; } = null!;

    public KubeApiServerDouble.KubeApiServerDouble ApiServer { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });
        ApiServer = await KubeApiServerDouble.KubeApiServerDouble.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await ApiServer.DisposeAsync();
        await Registry.DisposeAsync();
    }

    public Kubernetes CreateClient() => new(ApiServer.ClientConfiguration());

    public static string UniqueNamespace(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";
}
