using System.Net;
using System.Net.Sockets;

namespace Pipeline.Testing.Docker;

/// <summary>Reaches an app a test runs in a container with host networking: a free loopback port, then its health endpoint.</summary>
public static class LoopbackHttpProbe
{
    /// <summary>A port on 127.0.0.1 nothing listens on now.</summary>
    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The status <c>GET http://127.0.0.1:port/path</c> answers once the app listens; null when it never did within <paramref name="within"/>.</summary>
    public static async Task<HttpStatusCode?> StatusOnceListeningAsync(int port, string path, TimeSpan within)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTimeOffset.UtcNow + within;
        while (DateTimeOffset.UtcNow < deadline)
        {
            try
            {
                return (await http.GetAsync(new Uri($"http://127.0.0.1:{port}{path}"))).StatusCode;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(200);   // polling a server that is starting, not ordering work
            }
        }

        return null;
    }
}
