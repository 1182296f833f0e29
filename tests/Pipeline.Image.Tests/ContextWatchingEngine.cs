using Docker.DotNet.Models;
using Pipeline.Registry;

namespace Pipeline.Image.Tests;

/// <summary>
/// The real engine, with the build context it is sent watched on its way: a test waits until the engine has read
/// a number of bytes of it, or its end, instead of sleeping and hoping the upload got that far.
/// </summary>
internal sealed class ContextWatchingEngine(IContainerEngine engine) : IContainerEngine
{
    private readonly Lock _gate = new();
    private readonly List<(long Bytes, TaskCompletionSource Reached)> _waiting = [];
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _read;

    /// <summary>Completes when the engine has read the end of a context (the stream said there is no more).</summary>
    public Task Ended => _ended.Task;

    public Uri Endpoint => engine.Endpoint;

    /// <summary>Completes once the engine has read at least <paramref name="bytes"/> of the context.</summary>
    public Task Received(long bytes)
    {
        lock (_gate)
        {
            if (_read >= bytes)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Add((bytes, reached));
            return reached.Task;
        }
    }

    public Task<EngineInfo> GetInfoAsync(CancellationToken cancellationToken) => engine.GetInfoAsync(cancellationToken);

    public Task<string?> GetBuildNetworkModeAsync(CancellationToken cancellationToken) => engine.GetBuildNetworkModeAsync(cancellationToken);

    public Task<EngineStreamResult> BuildImageAsync(ImageBuildParameters parameters, Stream contextTar, IReadOnlyList<AuthConfig>? registryLogins, IProgress<JSONMessage>? progress, CancellationToken cancellationToken) =>
        engine.BuildImageAsync(parameters, new WatchedStream(contextTar, this), registryLogins, progress, cancellationToken);

    public Task<EngineStreamResult> ImportImageAsync(Stream rootfsTar, ImageReference tag, IReadOnlyList<string> changes, CancellationToken cancellationToken) =>
        engine.ImportImageAsync(rootfsTar, tag, changes, cancellationToken);

    public Task TagImageAsync(string image, ImageReference tag, CancellationToken cancellationToken) => engine.TagImageAsync(image, tag, cancellationToken);

    public Task<EngineStreamResult> PushImageAsync(ImageReference image, AuthConfig auth, IProgress<JSONMessage>? progress, CancellationToken cancellationToken) =>
        engine.PushImageAsync(image, auth, progress, cancellationToken);

    public Task<ImageInspectResponse?> InspectImageAsync(string image, CancellationToken cancellationToken) => engine.InspectImageAsync(image, cancellationToken);

    public Task<IReadOnlyList<ImagesListResponse>> ListImagesAsync(string? label, bool all, CancellationToken cancellationToken) =>
        engine.ListImagesAsync(label, all, cancellationToken);

    public Task<IReadOnlyList<ImageDeleteResponse>> RemoveImageAsync(string image, bool pruneUntaggedParents, CancellationToken cancellationToken) =>
        engine.RemoveImageAsync(image, pruneUntaggedParents, cancellationToken);

    private void Count(int read)
    {
        if (read == 0)
        {
            _ended.TrySetResult();
            return;
        }

        lock (_gate)
        {
            _read += read;
            foreach (var (_, reached) in _waiting.Where(waiting => waiting.Bytes <= _read))
            {
                reached.TrySetResult();
            }

            _waiting.RemoveAll(waiting => waiting.Bytes <= _read);
        }
    }

    // Reads through to the context the builder sends and counts what the engine got.
    private sealed class WatchedStream(Stream inner, ContextWatchingEngine watcher) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Counted(await inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Counted(await inner.ReadAsync(buffer, cancellationToken));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Counted(int read)
        {
            watcher.Count(read);
            return read;
        }
    }
}
