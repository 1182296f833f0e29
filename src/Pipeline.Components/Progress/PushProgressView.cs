using Pipeline.Engine;
using Pipeline.Image;
using Pipeline.Registry;
using Spectre.Console;

namespace Pipeline.Components.Progress;

/// <summary>
/// Shows a push: a progress bar per layer on an interactive terminal, one quiet line per finished layer in CI
/// logs (bars redrawn a hundred times would bury the log).
/// </summary>
internal static class PushProgressView
{
    public static Task<T> RunAsync<T>(IPipelineBuild build, ImageReference image, Func<IProgress<LayerProgress>, Task<T>> push)
    {
        if (!build.IsInteractive)
        {
            return push(new LoggedLayerProgress(build.Log));
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        return console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn())
            .StartAsync(context =>
            {
                context.AddTask($"push {image}", autoStart: false).IsIndeterminate = true;
                return push(new LayerBars(context));
            });
    }
}
