using Microsoft.Extensions.Logging;
using Pipeline.Engine;
using Pipeline.Image;
using Pipeline.Services;
using Spectre.Console;

namespace Pipeline.Components.Progress;

/// <summary>
/// Shows a push: a progress bar per layer on an interactive terminal, one quiet line per finished layer in CI
/// logs (bars redrawn a hundred times would bury the log). Services pushing side by side share one live view, a
/// bar group per service named after it; in CI each service's lines go to its own log block.
/// </summary>
internal static class PushProgressView
{
    /// <summary>A bar's columns: the layer and its status, the bar, and its percentage and bytes once its size is known.</summary>
    internal static ProgressColumn[] Columns() =>
        [new TaskDescriptionColumn(), new ProgressBarColumn(), new SizedOnlyColumn(new PercentageColumn()), new SizedOnlyColumn(new DownloadedColumn())];

    /// <summary>Runs <paramref name="push"/> with a progress sink and the logger it should log through.</summary>
    public static Task<T> RunAsync<T>(IPipelineBuild build, Func<IProgress<LayerProgress>, ILogger, Task<T>> push) =>
        ShowAsync(build, (context, log) => push(context is null ? new LoggedLayerProgress(log) : new LayerBars(context), log));

    /// <summary>
    /// Runs <paramref name="ship"/> with one view for every service's pushes and the logger the shipment writes its
    /// service blocks to (held while the view owns the terminal, so each block comes out whole after it).
    /// </summary>
    public static Task<T> RunForServicesAsync<T>(IPipelineBuild build, Func<ServiceLayerProgress, ILogger, Task<T>> ship) =>
        ShowAsync(build, (context, log) => ship(
            (service, serviceLog) => context is null ? new LoggedLayerProgress(serviceLog) : new LayerBars(context, service.Value),
            log));

    /// <summary>Runs <paramref name="work"/> under a live view (a context) on a terminal, or without one (null) in CI.</summary>
    private static async Task<T> ShowAsync<T>(IPipelineBuild build, Func<ProgressContext?, ILogger, Task<T>> work)
    {
        if (!build.IsInteractive)
        {
            return await work(null, build.Log);
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
                .StartAsync(context => work(context, deferred));
        }
        finally
        {
            build.Terminal.Flush();   // the last frame whole before the log lines the push held back
            deferred.Flush();
        }
    }
}
