namespace Pipeline.Image.Tests;

/// <summary>
/// Passes every request on to the registry and completes <see cref="Seen"/> when the first request that
/// <c>matches</c> is sent: a test waits for the moment the registry is asked instead of sleeping.
/// </summary>
internal sealed class RegistryRequestSignal(Func<HttpRequestMessage, bool> matches) : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly TaskCompletionSource _seen = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a matching request has been sent.</summary>
    public Task Seen => _seen.Task;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (matches(request))
        {
            _seen.TrySetResult();
        }

        return base.SendAsync(request, cancellationToken);
    }
}
