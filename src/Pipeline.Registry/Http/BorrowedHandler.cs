namespace Pipeline.Registry.Http;

/// <summary>
/// Forwards to a transport the caller owns: handler chains dispose their inner handler, and a caller-supplied
/// transport must outlive the client.
/// </summary>
internal sealed class BorrowedHandler : HttpMessageHandler
{
    private readonly HttpMessageInvoker _invoker;

    public BorrowedHandler(HttpMessageHandler transport) => _invoker = new HttpMessageInvoker(transport, disposeHandler: false);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _invoker.SendAsync(request, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _invoker.Dispose();
        }

        base.Dispose(disposing);
    }
}
