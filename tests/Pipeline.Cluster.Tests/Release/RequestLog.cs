using System.Collections.Concurrent;

namespace Pipeline.Cluster.Tests.Release;

/// <summary>Sits between the client and the API server double and records every request as <c>METHOD /path</c>, in the order sent.</summary>
internal sealed class RequestLog : DelegatingHandler
{
    private readonly ConcurrentQueue<string> _requests = new();

    public IReadOnlyList<string> Requests => [.. _requests];

    public IReadOnlyList<string> Writes => [.. _requests.Where(request => !request.StartsWith("GET ", StringComparison.Ordinal))];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _requests.Enqueue($"{request.Method} {request.RequestUri!.AbsolutePath}");
        return base.SendAsync(request, cancellationToken);
    }
}
