using Pipeline.Registry;

namespace Pipeline.Image.Direct;

/// <summary>
/// Turns the direct push's blob work into the <see cref="LayerProgress"/> the engine's push reports (short layer id,
/// <c>Preparing</c>, <c>Pushing</c> with bytes, <c>Pushed</c>, <c>Layer already exists</c>, <c>Mounted from …</c>), so
/// the same views show both. Layers are uploaded in parallel; the reports reach the sink one at a time, as the
/// engine's do, since the views keep per-layer state.
/// </summary>
internal sealed class LayerPushReporter(IProgress<LayerProgress>? progress)
{
    public const string Preparing = "Preparing";
    public const string Pushing = "Pushing";
    public const string Pushed = "Pushed";
    public const string AlreadyExists = "Layer already exists";

    // As long as the engine's layer ids (and `docker images`' image ids).
    private const int ShortIdLength = 12;

    private readonly Lock _gate = new();

    public static string ShortId(Digest digest) => digest.Hex[..ShortIdLength];

    public static string MountedFrom(string repository) => $"Mounted from {repository}";

    public void Report(Digest layer, string status) => Send(new LayerProgress(ShortId(layer), status, Current: null, Total: null));

    /// <summary>A sink for the bytes an upload of <paramref name="layer"/> has sent, reported as <c>Pushing</c>.</summary>
    public IProgress<long>? Sent(Digest layer, long size) =>
        progress is null ? null : new SentBytes(this, ShortId(layer), size);

    private void Send(LayerProgress value)
    {
        if (progress is null)
        {
            return;
        }

        lock (_gate)
        {
            progress.Report(value);
        }
    }

    private sealed class SentBytes(LayerPushReporter reporter, string layerId, long size) : IProgress<long>
    {
        public void Report(long value) => reporter.Send(new LayerProgress(layerId, Pushing, value, size));
    }
}
