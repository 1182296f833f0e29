using System.Net;
using System.Text.Json.Nodes;

namespace Pipeline.Cluster.Tests;

/// <summary>
/// Sits between the client and the API server double and answers the matching requests, after the first
/// <c>after</c> of them, with <c>status</c> instead of the server (once when <c>after</c> is above 0, else every time);
/// with a <c>message</c>, as a Status object like the real server's.
/// </summary>
internal sealed class ApiFaults(Func<HttpRequestMessage, bool> matches, HttpStatusCode status, int after, string? message = null) : DelegatingHandler
{
    private int _seen;

    public int Injected { get; private set; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (matches(request) && Interlocked.Increment(ref _seen) > after && (after == 0 || Injected == 0))
        {
            Injected++;
            return Task.FromResult(new HttpResponseMessage(status) { RequestMessage = request, Content = new StringContent(Body()) });
        }

        return base.SendAsync(request, cancellationToken);
    }

    private string Body() => message is null
        ? "{}"
        : new JsonObject { ["kind"] = "Status", ["apiVersion"] = "v1", ["status"] = "Failure", ["message"] = message, ["code"] = (int)status }.ToJsonString();
}
