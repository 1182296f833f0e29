using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Pipeline.Engine;
using Pipeline.Image;
using Pipeline.Image.Direct;
using Pipeline.Registry;
using Pipeline.Testing.Registries;
using Pipeline.Version;

namespace Pipeline.Services.Tests;

/// <summary>
/// Four shipments of one copy of samples/Shop to one loopback docker-registry, made once for the test class
/// (publishing is slow): the first (all built), nothing changed, one service's source changed, one service's
/// Dockerfile broken. Each run keeps its result, the publishes the injected <c>dotnet</c> made, its registry
/// requests and its log entries; the facts only read them.
/// </summary>
public sealed class ShipmentRuns : IAsyncLifetime, IDisposable
{
    private static readonly string BaseCache = Path.Combine(Path.GetTempPath(), "pipeline-test-cache", "direct-base");
    private readonly ShopCopy _shop = new();
    private readonly ConcurrentQueue<DotNetRun> _dotNetRuns = new();
    private RegistryServer _server = null!;

    public RegistryHost Registry => _server.Host;

    public ShipmentRun First { get; private set; } = null!;

    public ShipmentRun Unchanged { get; private set; } = null!;

    public ShipmentRun OneChanged { get; private set; } = null!;

    public ShipmentRun OneBroken { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _server = await RegistryServer.StartAsync(new RegistryServerOptions());
        First = await ShipAsync("1.0.0");
        Unchanged = await ShipAsync("2.0.0");
        _shop.Replace("src/Payments.Api/Program.cs", "authorised", "approved");
        OneChanged = await ShipAsync("3.0.0");
        _shop.Replace("src/Catalog.Api/Dockerfile", "COPY . /app", "COPY . /app\nCOPY missing-terms.txt /app/");
        OneBroken = await ShipAsync("4.0.0");
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
    }

    public void Dispose() => _shop.Dispose();

    /// <summary>The digest <paramref name="repository"/>:<paramref name="tag"/> resolves to, or null.</summary>
    public async Task<Digest?> DigestOfAsync(string repository, string tag)
    {
        using var client = _server.CreateClient();
        return (await client.FindAsync(ImageReference.Create(_server.Host, repository, tag), CancellationToken.None))?.Digest;
    }

    private async Task<ShipmentRun> ShipAsync(string release)
    {
        using var client = _server.CreateClient();
        var marker = $"marker-{Guid.NewGuid():N}";
        await client.FindAsync(ImageReference.Create(_server.Host, marker, "start"), CancellationToken.None);
        _dotNetRuns.Clear();
        var layers = new ConcurrentQueue<ReportedLayer>();
        var logger = new BlockLogger();
        var values = ShopCopy.Values with { BaseImage = "local" };
        var shipment = new ServiceShipment(
            client,
            RunDotNetAsync,
            (_, progress, log, _) => Task.FromResult<IImageBuilder>(new DirectImageBuilder(client, new DirectLocalBase(BaseCache), log, progress: progress)),
            ProcessEnvironment.Current(),
            logger,
            layerProgress: (service, serviceLog) => new LayerRecorder(service.Value, serviceLog, layers));
        var result = await shipment.ShipAsync(new ServiceShipmentRequest
        {
            Sources = await _shop.SourcesAsync(values),
            Release = ReleaseVersion.Parse(release),
            PublishRoot = _shop.Root / "artifacts" / "publish",
            Values = values,
            BaseImage = Pipeline.Image.BaseImage.Local,
            Parallelism = 3,
        }, CancellationToken.None);
        return new ShipmentRun(result, [.. _dotNetRuns], RequestsSince(marker), logger.Entries, [.. layers]);
    }

    // The real SDK, counted: each run that builds (not a publish's -pp evaluation) with its verb, project and arguments.
    private async Task RunDotNetAsync(IReadOnlyList<string> arguments, ILogger log, CancellationToken cancellationToken)
    {
        if (!arguments.Any(argument => argument.StartsWith("-pp:", StringComparison.Ordinal)))
        {
            _dotNetRuns.Enqueue(new DotNetRun(arguments[0], Path.GetFileNameWithoutExtension(arguments[1]), arguments));
        }

        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = _shop.Root.Value, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        log.LogInformation("{Output}", (await output + await errors).TrimEnd());
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {arguments[0]} exited with {process.ExitCode}");
        }
    }

    // "METHOD URI" for every request the registry logged after the marker's lookup (its log is read as it comes, so
    // the marker, not a count taken before the run, says where the run's requests start).
    private List<string> RequestsSince(string marker)
    {
        var requests = _server.Requests.ToList();
        var start = requests.FindIndex(request => request.Contains(marker, StringComparison.Ordinal));
        start.Should().BeGreaterThanOrEqualTo(0, "the registry's access log holds the run's start marker");
        return requests[(start + 1)..];
    }

    /// <summary>Records each service's layer reports, and logs each finished layer to the log it was given (as the CI view does).</summary>
    private sealed class LayerRecorder(string service, ILogger serviceLog, ConcurrentQueue<ReportedLayer> layers) : IProgress<LayerProgress>
    {
        public void Report(LayerProgress value)
        {
            layers.Enqueue(new ReportedLayer(service, value.LayerId, value.Status));
            if (value.Status is "Pushed" or "Layer already exists" || value.Status.StartsWith("Mounted from", StringComparison.Ordinal))
            {
                serviceLog.LogInformation("layer {Layer}: {Status}", value.LayerId, value.Status);
            }
        }
    }

    /// <summary>Every entry written to the shipment's logger, whole.</summary>
    private sealed class BlockLogger : ILogger
    {
        private readonly ConcurrentQueue<string> _entries = new();

        public IReadOnlyList<string> Entries => [.. _entries];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _entries.Enqueue(formatter(state, exception));
    }
}

/// <summary>One shipment: its result, the <c>dotnet</c> runs that built, the registry requests, the log entries, the layer reports.</summary>
public sealed record ShipmentRun(
    ServiceShipmentResult Result, IReadOnlyList<DotNetRun> DotNetRuns, IReadOnlyList<string> Requests, IReadOnlyList<string> LogEntries, IReadOnlyList<ReportedLayer> Layers)
{
    /// <summary>The projects published (by file name).</summary>
    public IReadOnlyList<string> Publishes => [.. DotNetRuns.Where(run => run.Verb == "publish").Select(run => run.Project)];

    /// <summary>The projects built on their own, before the publishes (by file name).</summary>
    public IReadOnlyList<string> Builds => [.. DotNetRuns.Where(run => run.Verb == "build").Select(run => run.Project)];

    /// <summary>The arguments of <paramref name="project"/>'s one publish.</summary>
    public IReadOnlyList<string> PublishOf(string project) => DotNetRuns.Single(run => run.Verb == "publish" && run.Project == project).Arguments;

    public ShippedService Service(string name) => Result.Services.Single(service => service.Name == name);

    /// <summary>The one log entry of <paramref name="service"/>: its block.</summary>
    public string Block(string service) => LogEntries.Single(entry => entry.StartsWith(service + ":\n", StringComparison.Ordinal));
}

/// <summary>A <c>dotnet</c> run that built: its verb (publish, build), its project's file name and all its arguments.</summary>
public sealed record DotNetRun(string Verb, string Project, IReadOnlyList<string> Arguments);

/// <summary>A layer report the shipment gave a service's progress sink.</summary>
public sealed record ReportedLayer(string Service, string LayerId, string Status);
