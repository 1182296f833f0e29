using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Pipeline.Registry;
using Pipeline.Version;

namespace Pipeline.Image;

/// <summary>
/// Pushes a local image to its registry through the Engine API. Credentials go to the engine in the request's
/// auth header only (never a command line, a file or a log); failures arrive in the stream and become
/// <see cref="ImagePushException"/>s with named causes.
/// </summary>
public sealed class ImagePusher
{
    private readonly IContainerEngine _engine;
    private readonly ILogger _logger;
    private readonly StageInputNames _inputs;

    /// <summary>Creates the pusher.</summary>
    /// <param name="engine">The engine that holds the image and pushes it.</param>
    /// <param name="logger">Where the push's progress goes.</param>
    /// <param name="inputs">What the caller calls the registry inputs a failure's fix names.</param>
    public ImagePusher(IContainerEngine engine, ILogger logger, StageInputNames? inputs = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(logger);
        _engine = engine;
        _logger = logger;
        _inputs = inputs ?? StageInputNames.Neutral;
    }

    /// <summary>Pushes <paramref name="image"/> (registry/repository:tag) and returns the manifest digest the registry stored.</summary>
    /// <param name="image">The local tag to push; its registry is where it goes.</param>
    /// <param name="credentials">The registry login, or <see cref="RegistryCredentials.Anonymous"/>.</param>
    /// <param name="progress">Receives per-layer progress, synchronously.</param>
    /// <param name="cancellationToken">Cancels the push.</param>
    /// <exception cref="ImagePushException">The engine reported a failure.</exception>
    public async Task<Digest> PushAsync(ImageReference image, RegistryCredentials credentials, IProgress<LayerProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        if (image.Tag is null)
        {
            throw new ImagePushException(ImagePushFailureKind.LocalImageMissing, image, $"cannot push {image}: it has no tag; push a tagged reference such as {image.Name}:v1.2.3");
        }

        var auth = new AuthConfig
        {
            ServerAddress = image.Registry.ToString(),
            Username = credentials.Username,
            Password = credentials.Password,
            IdentityToken = credentials.IdentityToken,
        };

        _logger.LogInformation("Pushing {Image} as {Credentials}", image.ToFamiliarString(), credentials);
        var layers = new LayerReporter(progress, _logger);
        EngineStreamResult result;
        try
        {
            result = await _engine.PushImageAsync(image, auth, layers, cancellationToken);
        }
        catch (Docker.DotNet.DockerApiException exception)
        {
            // Most failures arrive in the stream; a few (no such image) are HTTP errors before it starts.
            throw PushFailures.Describe(image, credentials, _inputs, exception.ResponseBody?.Trim() is { Length: > 0 } body ? body : exception.Message);
        }

        if (!result.Succeeded)
        {
            throw PushFailures.Describe(image, credentials, _inputs, result.Error!);
        }

        var digestText = result.LastAux("Digest");
        if (!Digest.TryParse(digestText, out var digest))
        {
            throw new ImagePushException(ImagePushFailureKind.Unexpected, image,
                $"pushing {image.ToFamiliarString()} finished without a manifest digest from the engine: check the engine's log");
        }

        _logger.LogInformation("Pushed {Image}@{Digest}", image.ToFamiliarString(), digest);
        return digest;
    }

    private sealed class LayerReporter(IProgress<LayerProgress>? progress, ILogger logger) : IProgress<JSONMessage>
    {
        public void Report(JSONMessage value)
        {
            if (string.IsNullOrEmpty(value.ID) || string.IsNullOrEmpty(value.Status))
            {
                if (!string.IsNullOrEmpty(value.Status))
                {
                    logger.LogDebug("push: {Status}", value.Status);
                }

                return;
            }

            var layer = new LayerProgress(value.ID, value.Status,
                value.Progress is { Current: > 0 } p ? p.Current : null,
                value.Progress is { Total: > 0 } t ? t.Total : null);
            if (layer.Current is null)
            {
                logger.LogDebug("push: {Layer} {Status}", layer.LayerId, layer.Status);
            }

            progress?.Report(layer);
        }
    }
}
