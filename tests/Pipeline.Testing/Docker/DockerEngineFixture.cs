using Docker.DotNet;
using Pipeline.Image;
using Pipeline.Registry;
using Xunit;

namespace Pipeline.Testing.Docker;

/// <summary>
/// The machine's Docker engine for tests (xunit class or collection fixture). Fails, never skips, when no engine
/// answers: the message names the endpoint and the fix.
/// </summary>
public sealed class DockerEngineFixture : IAsyncLifetime, IDisposable
{
    private DockerClient? _client;
    private DockerEngine? _engine;

    /// <summary>The engine behind the image stage's interface.</summary>
    public IContainerEngine Engine => _engine ?? throw NotConnected();

    /// <summary>The raw Engine API client, for what the stage does not need (containers, networks).</summary>
    public DockerClient Client => _client ?? throw NotConnected();

    /// <summary>What the engine says about itself.</summary>
    public EngineInfo Info { get; private set; } = null!;

    /// <summary>Connects to DOCKER_HOST or unix:///var/run/docker.sock and reads the engine's info.</summary>
    public async Task InitializeAsync()
    {
        var endpoint = DockerEndpoint.Resolve(ProcessEnvironment.Current());
        _client = new DockerClientBuilder().WithEndpoint(endpoint).Build();
        _engine = new DockerEngine(_client);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _client.System.PingAsync(timeout.Token);
            Info = await _engine.GetInfoAsync(timeout.Token);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or TimeoutException
            or OperationCanceledException or DockerApiException or ContainerEngineUnavailableException)
        {
            throw new InvalidOperationException(
                $"no Docker engine at {endpoint}: run build/provision.sh docker ({exception.GetType().Name}: {exception.Message})", exception);
        }
    }

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _engine?.Dispose();
        _client?.Dispose();
        _engine = null;
        _client = null;
    }

    private static InvalidOperationException NotConnected() =>
        new($"{nameof(DockerEngineFixture)} is not connected: use it as an xunit fixture (IClassFixture / ICollectionFixture) so InitializeAsync runs.");
}
