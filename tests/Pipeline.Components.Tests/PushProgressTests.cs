using Microsoft.Extensions.Logging;
using Pipeline.Components.Progress;
using Pipeline.Image;

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
