using Microsoft.Extensions.Logging;
using Pipeline.Components.Progress;
using Pipeline.Image;
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
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.Yes,
        });
        console.Profile.Width = 160;

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
}
