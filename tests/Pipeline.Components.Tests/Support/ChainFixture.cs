using Pipeline.Image;
using Pipeline.Testing.Docker;

namespace Pipeline.Components.Tests.Support;

/// <summary>
/// The Docker engine and the published sample app, shared by every test: the app is published once per change of
/// its sources (cached across test projects), and each build uses it as the image context instead of compiling.
/// </summary>
public sealed class ChainFixture : IAsyncLifetime, IDisposable
{
    private readonly DockerEngineFixture _docker = new();

    /// <summary>The engine the builds use (the default socket), for checking local images.</summary>
    public IContainerEngine Engine => _docker.Engine;

    /// <summary>The published sample: <see cref="SampleImage.PublishDirectory"/> and <see cref="SampleImage.Dockerfile"/>.</summary>
    public SampleImage Sample { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        await _docker.InitializeAsync();
        Sample = await SampleImage.GetAsync(_docker.Engine);
    }

    /// <inheritdoc />
    public Task DisposeAsync() => _docker.DisposeAsync();

    /// <inheritdoc />
    public void Dispose() => _docker.Dispose();
}
