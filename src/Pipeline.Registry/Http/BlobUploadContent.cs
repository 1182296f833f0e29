using System.Buffers;
using System.Net;
using System.Net.Http.Headers;

namespace Pipeline.Registry.Http;

/// <summary>
/// The body of a monolithic blob PUT: streams <see cref="BlobContent"/> in chunks with a Content-Length, reports
/// the bytes sent and keeps the <see cref="StallWatch"/> alive while bytes move. Opening the blob again for each
/// serialisation lets the auth handler resend the request after a challenge.
/// </summary>
internal sealed class BlobUploadContent : HttpContent
{
    private const int ChunkSize = 1 << 16;

    private readonly BlobContent _blob;
    private readonly StallWatch _stall;
    private readonly IProgress<long>? _progress;

    public BlobUploadContent(BlobContent blob, StallWatch stall, IProgress<long>? progress)
    {
        _blob = blob;
        _stall = stall;
        _progress = progress;
        Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await using var source = await _blob.Open(cancellationToken);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            long sent = 0;
            int read;
            while ((read = await source.ReadAsync(buffer.AsMemory(0, ChunkSize), cancellationToken)) > 0)
            {
                if (sent + read > _blob.Length)
                {
                    break;
                }

                _stall.Progressed();
                await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                sent += read;
                _stall.Progressed();
                _progress?.Report(sent);
            }

            if (sent != _blob.Length || read > 0)
            {
                throw new BlobSourceChangedException(_blob);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _blob.Length;
        return true;
    }
}
