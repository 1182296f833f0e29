using System.Collections.Concurrent;
using Pipeline.Testing.Registries;

namespace Pipeline.Image.Tests.Direct;

/// <summary>A real HTTP transport that records every request a registry client sends through it, Authorization included.</summary>
internal sealed class RecordingTransport() : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();

    public IReadOnlyList<ReceivedRequest> Requests => [.. _requests];

    public IEnumerable<ReceivedRequest> BlobReads => Requests.Where(request => request.Method == "GET" && request.PathAndQuery.Contains("/blobs/", StringComparison.Ordinal));

    public void Clear() => _requests.Clear();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _requests.Enqueue(new ReceivedRequest(request.Method.Method, request.RequestUri!.PathAndQuery, request.Headers.Authorization?.ToString()));
        return base.SendAsync(request, cancellationToken);
    }
}
