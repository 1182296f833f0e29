using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Pipeline.Packages.Tests.NuGetFeed;

/// <summary>
/// A TEST DOUBLE of a NuGet V3 feed on a free 127.0.0.1 port (Kestrel), not a NuGet server: a service index with
/// <c>PackagePublish/2.0.0</c> (and optionally <c>SymbolPackagePublish/4.9.0</c>), and a push endpoint that does what
/// real feeds do with a push: 401 without the right <c>X-NuGet-ApiKey</c>, 400 for a body that is not a multipart
/// form holding a package zip with a .nuspec, 409 for an id and version it already holds, 201 otherwise. It records
/// every request so tests check what the client sent.
/// </summary>
internal sealed class NuGetFeedDouble : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _apiKey;
    private readonly bool _acceptsSymbols;
    private readonly ConcurrentDictionary<string, StoredPackage> _packages = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<RecordedPush> _pushes = new();
    private int _requests;

    private NuGetFeedDouble(WebApplication app, string apiKey, bool acceptsSymbols)
    {
        _app = app;
        _apiKey = apiKey;
        _acceptsSymbols = acceptsSymbols;
    }

    /// <summary>The service index URL.</summary>
    public Uri ServiceIndex { get; private set; } = null!;

    /// <summary>Every push request, in order, with the key it carried.</summary>
    public IReadOnlyList<RecordedPush> Pushes => [.. _pushes];

    /// <summary>The packages accepted, by <c>id/version</c> (lower case) with the resource they came through.</summary>
    public IReadOnlyDictionary<string, StoredPackage> Packages => _packages;

    /// <summary>Every request of any kind (the service index included).</summary>
    public int RequestCount => Volatile.Read(ref _requests);

    public static async Task<NuGetFeedDouble> StartAsync(string apiKey, bool acceptsSymbols = true)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var feed = new NuGetFeedDouble(app, apiKey, acceptsSymbols);
        app.Run(feed.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        feed.ServiceIndex = new Uri(new Uri(address), "/v3/index.json");
        return feed;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        var path = context.Request.Path.Value ?? "";
        switch (context.Request.Method, path)
        {
            case ("GET", "/v3/index.json"):
                await context.Response.WriteAsJsonAsync(ServiceIndexDocument(context));
                break;
            case ("PUT", "/api/v2/package"):
                await PushAsync(context, "package");
                break;
            case ("PUT", "/api/v2/symbolpackage") when _acceptsSymbols:
                await PushAsync(context, "symbolpackage");
                break;
            default:
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                break;
        }
    }

    private Dictionary<string, object> ServiceIndexDocument(HttpContext context)
    {
        var root = $"{context.Request.Scheme}://{context.Request.Host}";
        var resources = new List<Dictionary<string, string>>
        {
            new() { ["@id"] = $"{root}/v3/flat/", ["@type"] = "PackageBaseAddress/3.0.0" },
            new() { ["@id"] = $"{root}/api/v2/package", ["@type"] = "PackagePublish/2.0.0" },
        };
        if (_acceptsSymbols)
        {
            resources.Add(new() { ["@id"] = $"{root}/api/v2/symbolpackage", ["@type"] = "SymbolPackagePublish/4.9.0" });
        }

        return new Dictionary<string, object> { ["version"] = "3.0.0", ["resources"] = resources };
    }

    private async Task PushAsync(HttpContext context, string resource)
    {
        var key = context.Request.Headers["X-NuGet-ApiKey"].ToString();
        var push = new RecordedPush(resource, key, context.Request.ContentType ?? "");
        _pushes.Enqueue(push);
        if (key != _apiKey)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await context.Response.WriteAsync("The specified API key is invalid, has expired, or does not have permission to access the specified package.");
            return;
        }

        if (!context.Request.HasFormContentType)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("expected a multipart/form-data body");
            return;
        }

        var form = await context.Request.ReadFormAsync();
        if (form.Files.Count != 1 || ReadIdentity(form.Files[0]) is not { } identity)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("the body holds no package with a .nuspec");
            return;
        }

        var stored = new StoredPackage(identity.Id, identity.Version, resource, form.Files[0].Length);
        if (!_packages.TryAdd($"{resource}:{identity.Id}/{identity.Version}".ToLowerInvariant(), stored))
        {
            context.Response.StatusCode = StatusCodes.Status409Conflict;
            await context.Response.WriteAsync($"A package with ID '{identity.Id}' and version '{identity.Version}' already exists and cannot be modified.");
            return;
        }

        context.Response.StatusCode = StatusCodes.Status201Created;
    }

    private static (string Id, string Version)? ReadIdentity(IFormFile file)
    {
        try
        {
            using var zip = new ZipArchive(file.OpenReadStream(), ZipArchiveMode.Read);
            var nuspec = zip.Entries.FirstOrDefault(entry => !entry.FullName.Contains('/', StringComparison.Ordinal) && entry.Name.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase));
            if (nuspec is null)
            {
                return null;
            }

            using var stream = nuspec.Open();
            var metadata = XDocument.Load(stream).Root?.Elements().FirstOrDefault(element => element.Name.LocalName == "metadata");
            var id = metadata?.Elements().FirstOrDefault(element => element.Name.LocalName == "id")?.Value;
            var version = metadata?.Elements().FirstOrDefault(element => element.Name.LocalName == "version")?.Value;
            return id is null || version is null ? null : (id, version);
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }
}
