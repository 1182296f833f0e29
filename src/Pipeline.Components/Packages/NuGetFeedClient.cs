using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Pipeline.Components.Packages;

/// <summary>
/// Pushes <c>.nupkg</c> and <c>.snupkg</c> files to a NuGet V3 feed over HTTP, as <c>dotnet nuget push</c> does
/// (<see href="https://learn.microsoft.com/nuget/api/package-publish-resource">package publish resource</see>:
/// a multipart PUT with the <c>X-NuGet-ApiKey</c> header). The API key stays in this process: no command line
/// (where <c>dotnet nuget push -k</c> would show it to every user of the machine), no file.
/// </summary>
public sealed class NuGetFeedClient : IDisposable
{
    private const string ApiKeyHeader = "X-NuGet-ApiKey";

    private readonly NuGetSource _source;
    private readonly string _apiKey;
    private readonly HttpClient _http;
    private readonly ILogger _logger;
    private NuGetServiceIndex? _index;

    /// <summary>Creates a client for <paramref name="source"/> pushing with <paramref name="apiKey"/>.</summary>
    /// <param name="source">The feed's service index.</param>
    /// <param name="apiKey">The feed's API key (a secret: never logged).</param>
    /// <param name="handler">The HTTP handler; by default one that does not follow redirects, so the key goes only to the feed.</param>
    /// <param name="logger">Where each push is reported.</param>
    public NuGetFeedClient(NuGetSource source, string apiKey, HttpMessageHandler? handler = null, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        _source = source;
        _apiKey = apiKey;
        _http = new HttpClient(handler ?? new SocketsHttpHandler { AllowAutoRedirect = false }, disposeHandler: handler is null)
        {
            Timeout = TimeSpan.FromMinutes(5),
        };
        _http.DefaultRequestHeaders.Add("X-NuGet-Protocol-Version", "4.1.0");
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// Pushes one package file: a <c>.nupkg</c> to the package publish resource, a <c>.snupkg</c> to the symbol
    /// publish resource when the feed has one (otherwise it is not sent).
    /// </summary>
    /// <param name="packagePath">The <c>.nupkg</c> or <c>.snupkg</c> file.</param>
    /// <param name="skipDuplicate">On 409 (already on the feed) report <see cref="PackagePushOutcome.SkippedDuplicate"/> instead of failing.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>What happened to the file.</returns>
    /// <exception cref="NuGetFeedException">The feed refused the package or cannot take pushes.</exception>
    public async Task<PackagePushOutcome> PushAsync(string packagePath, bool skipDuplicate, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(packagePath);
        var fileName = Path.GetFileName(packagePath);
        var index = await GetServiceIndexAsync(cancellationToken);
        var isSymbols = packagePath.EndsWith(".snupkg", StringComparison.OrdinalIgnoreCase);
        var target = isSymbols ? index.SymbolPackagePublish : index.PackagePublish;
        if (target is null)
        {
            _logger.LogInformation("{Package}: {Source} takes no symbol packages; not sent", fileName, _source);
            return PackagePushOutcome.SymbolsNotAccepted;
        }

        await using var file = File.OpenRead(packagePath);
        using var body = new MultipartFormDataContent();
        var part = new StreamContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        body.Add(part, "package", isSymbols ? "package.snupkg" : "package.nupkg");
        using var request = new HttpRequestMessage(HttpMethod.Put, target) { Content = body };
        request.Headers.Add(ApiKeyHeader, _apiKey);

        using var response = await SendAsync(request, cancellationToken);
        var outcome = await ReadOutcomeAsync(response, fileName, skipDuplicate, cancellationToken);
        _logger.LogInformation("{Package}: {Outcome} ({Status} from {Source})", fileName,
            outcome == PackagePushOutcome.Pushed ? "pushed" : "already on the feed, skipped", (int)response.StatusCode, _source);
        return outcome;
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    /// <summary>Describes the client without the API key.</summary>
    public override string ToString() => $"NuGet feed {_source}";

    private async Task<NuGetServiceIndex> GetServiceIndexAsync(CancellationToken cancellationToken)
    {
        if (_index is not null)
        {
            return _index;
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, _source.ServiceIndex);
        using var response = await SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new NuGetFeedException(NuGetFeedFailureKind.Unreachable,
                $"{_source} answered {(int)response.StatusCode} {response.ReasonPhrase} for its service index: check --nuget-source (the feed's index.json URL).");
        }

        _index = NuGetServiceIndex.Parse(_source, await response.Content.ReadAsStringAsync(cancellationToken));
        return _index;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await _http.SendAsync(request, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new NuGetFeedException(NuGetFeedFailureKind.Unreachable,
                $"cannot reach {request.RequestUri} ({exception.Message}): check --nuget-source and that the feed is up.", exception);
        }
    }

    private async Task<PackagePushOutcome> ReadOutcomeAsync(HttpResponseMessage response, string fileName, bool skipDuplicate, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return PackagePushOutcome.Pushed;
        }

        var detail = await ReadDetailAsync(response, cancellationToken);
        return response.StatusCode switch
        {
            HttpStatusCode.Conflict when skipDuplicate => PackagePushOutcome.SkippedDuplicate,
            HttpStatusCode.Conflict => throw new NuGetFeedException(NuGetFeedFailureKind.AlreadyExists,
                $"{_source} already holds {fileName}{detail}: versions on a feed are immutable; pack a new --package-version, or pass --skip-duplicate to leave it as it is."),
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => throw new NuGetFeedException(NuGetFeedFailureKind.Unauthorized,
                $"{_source} refused {fileName} with {(int)response.StatusCode} {response.ReasonPhrase}{detail}: check NUGET_API_KEY (set, not expired, allowed to push this package id)."),
            _ => throw new NuGetFeedException(NuGetFeedFailureKind.Rejected,
                $"{_source} refused {fileName} with {(int)response.StatusCode} {response.ReasonPhrase}{detail}."),
        };
    }

    // Feeds put the reason in the body (nuget.org, Nexus, BaGet); keep one short line of it.
    private static async Task<string> ReadDetailAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
        var firstLine = text.Split('\n', 2)[0].Trim();
        return firstLine.Length == 0 || firstLine.StartsWith('<') ? "" : $" (\"{(firstLine.Length > 200 ? firstLine[..200] + "…" : firstLine)}\")";
    }
}
