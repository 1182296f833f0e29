using Microsoft.Extensions.Logging;
using Pipeline.Components.Progress;
using Pipeline.Engine;
using Pipeline.Image;
using Pipeline.Manifests;
using Spectre.Console;

namespace Pipeline.Components.Tests;

public sealed class PushProgressTests
{
    [Fact]
    public void LoggedLayerProgress_WritesOneLinePerFinishedLayerWithItsSize()
    {
        var log = new ListLogger();
        var progress = new LoggedLayerProgress(log);

        progress.Report(new LayerProgress("aaa", "Preparing", null, null));
        progress.Report(new LayerProgress("aaa", "Pushing", 1_048_576, 2_097_152));
        progress.Report(new LayerProgress("aaa", "Pushing", 2_097_152, 2_097_152));
        progress.Report(new LayerProgress("aaa", "Pushed", null, null));
        progress.Report(new LayerProgress("bbb", "Layer already exists", null, null));
        progress.Report(new LayerProgress("aaa", "Pushed", null, null));

        log.Lines.Should().Equal("layer aaa: Pushed (2.0 MB)", "layer bbb: Layer already exists");
    }

    [Fact]
    public async Task LayerBars_ShowBytesForAPushedLayerAndNoneForOneTheRegistryHas()
    {
        using var writer = new StringWriter();
        var console = InteractiveConsole(writer);

        await console.Progress().AutoClear(false).Columns(PushProgressView.Columns()).StartAsync(context =>
        {
            var bars = new LayerBars(context);
            bars.Report(new LayerProgress("aaa", "Pushing", 1_048_576, 2_097_152));
            bars.Report(new LayerProgress("aaa", "Pushed", null, null));
            bars.Report(new LayerProgress("bbb", "Layer already exists", null, null));
            return Task.CompletedTask;
        });

        var lines = writer.ToString().ReplaceLineEndings("\n").Split('\n');
        var pushed = lines.Last(line => line.Contains("aaa Pushed", StringComparison.Ordinal));
        var existing = lines.Last(line => line.Contains("bbb Layer already exists", StringComparison.Ordinal));
        pushed.Should().Contain("100%").And.Contain("2.0 MiB");
        existing.Should().NotContain("%").And.NotContain("byte", "a layer the registry has has no size to show");
    }

    [Fact]
    public async Task LayerBars_ServicesPushingSideBySide_ShareOneViewWithEachServicesBarsTogetherAndNamed()
    {
        using var writer = new StringWriter();
        var console = InteractiveConsole(writer);

        await console.Progress().AutoClear(false).Columns(PushProgressView.Columns()).StartAsync(context =>
        {
            var basket = new LayerBars(context, "basket-api");
            var catalog = new LayerBars(context, "catalog-api");
            basket.Report(new LayerProgress("aaa", "Pushing", 1_048_576, 2_097_152));
            catalog.Report(new LayerProgress("ccc", "Pushing", 1_048_576, 4_194_304));
            basket.Report(new LayerProgress("bbb", "Layer already exists", null, null));
            catalog.Report(new LayerProgress("ddd", "Mounted from basket-api", null, null));
            basket.Report(new LayerProgress("aaa", "Pushed", null, null));
            return Task.CompletedTask;
        });

        var lastFrame = writer.ToString().ReplaceLineEndings("\n").Split('\n')
            .Where(line => line.Contains("-api ", StringComparison.Ordinal)).TakeLast(4).Select(line => line.Trim()).ToList();
        lastFrame[0].Should().StartWith("basket-api aaa Pushed").And.Contain("100%");
        lastFrame[1].Should().StartWith("basket-api bbb Layer already exists");
        lastFrame[2].Should().StartWith("catalog-api ccc Pushing").And.Contain("25%");
        lastFrame[3].Should().StartWith("catalog-api ddd Mounted from basket-api");
    }

    [Fact]
    public async Task RunForServicesAsync_InCi_WritesEachServicesLayerLinesToThatServicesLogOnly()
    {
        using var output = new StringWriter();

        var exitCode = await PipelineBuild.ExecuteAsync<ServicesProgressBuild>(["Ship"], new BuildHostContext
        {
            Output = output,
            Environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["HOME"] = Path.GetTempPath() },
            WorkingDirectory = Path.GetTempPath(),
        });

        exitCode.Should().Be(0, output.ToString());
        var lines = output.ToString().ReplaceLineEndings("\n").Split('\n');
        lines.Should().ContainSingle(line => line.Contains("layer aaa:", StringComparison.Ordinal))
            .Which.Should().Contain("basket-api's block: layer aaa: Pushed (1.0 MB)", "the line goes to the service's own log, not the run's");
        lines.Should().ContainSingle(line => line.Contains("layer ccc:", StringComparison.Ordinal))
            .Which.Should().Contain("catalog-api's block: layer ccc: Layer already exists");
    }

    [Fact]
    public void DeferredLogger_HoldsLinesUntilFlushedThenKeepsTheirOrder()
    {
        var inner = new ListLogger();
        var deferred = new DeferredLogger(inner);

        deferred.LogInformation("first {Value}", 1);
        deferred.LogWarning("second");
        inner.Lines.Should().BeEmpty("the progress display owns the terminal until the push ends");

        deferred.Flush();

        inner.Lines.Should().Equal("first 1", "second");
    }

    private sealed class ListLogger : ILogger
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(formatter(state, exception));
    }

    /// <summary>A build whose Ship target pushes two services' layers through the shipment view, each service logging to its own prefixed log.</summary>
    private sealed class ServicesProgressBuild : PipelineBuild
    {
        private Target Ship => _ => _.Executes(() => PushProgressView.RunForServicesAsync(this, (layerProgress, log) =>
        {
            var basket = layerProgress(DnsLabel.Parse("basket-api", null), new PrefixedLogger(log, "basket-api's block"));
            var catalog = layerProgress(DnsLabel.Parse("catalog-api", null), new PrefixedLogger(log, "catalog-api's block"));
            basket.Report(new LayerProgress("aaa", "Pushing", 1_048_576, 1_048_576));
            catalog.Report(new LayerProgress("ccc", "Layer already exists", null, null));
            basket.Report(new LayerProgress("aaa", "Pushed", null, null));
            return Task.FromResult(RootDirectory);
        }));
    }

    private sealed class PrefixedLogger(ILogger inner, string prefix) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            inner.LogInformation("{Prefix}: {Line}", prefix, formatter(state, exception));
    }

    /// <summary>An interactive console (live bars, no colours) writing into <paramref name="writer"/>.</summary>
    private static IAnsiConsole InteractiveConsole(StringWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.Yes,
        });
        console.Profile.Width = 160;
        return console;
    }
}
