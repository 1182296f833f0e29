using Microsoft.Extensions.Logging;
using Pipeline.Engine;
using Pipeline.Image;
using Spectre.Console;

namespace Pipeline.Components.Progress;

/// <summary>
/// Shows a push: a progress bar per layer on an interactive terminal, one quiet line per finished layer in CI
/// logs (bars redrawn a hundred times would bury the log).
/// </summary>
internal static class PushProgressView
{
    /// <summary>A bar's columns: the layer and its status, the bar, and its percentage and bytes once its size is known.</summary>
    internal static ProgressColumn[] Columns() =>
        [new TaskDescriptionColumn(), new ProgressBarColumn(), new SizedOnlyColumn(new PercentageColumn()), new SizedOnlyColumn(new DownloadedColumn())];

    /// <summary>Runs <paramref name="push"/> with a progress sink and the logger it should log through.</summary>
    public static async Task<T> RunAsync<T>(IPipelineBuild build, Func<IProgress<LayerProgress>, ILogger, Task<T>> push)
    {
        if (!build.IsInteractive)
        {
            return await push(new LoggedLayerProgress(build.Log), build.Log);
        }

        var deferred = new DeferredLogger(build.Log);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new BuildTerminalOutput(build.Terminal),
            Ansi = AnsiSupport.Yes,
            Interactive = InteractionSupport.Yes,
        });
        try
        {
            return await console.Progress()
                .AutoClear(false)
                .HideCompleted(false)
                .Columns(Columns())
                .StartAsync(context => push(new LayerBars(context), deferred));
        }
        finally
        {
            build.Terminal.Flush();   // the last frame whole before the log lines the push held back
            deferred.Flush();
        }
    }
}
