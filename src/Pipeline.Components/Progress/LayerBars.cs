using Pipeline.Image;
using Spectre.Console;

namespace Pipeline.Components.Progress;

/// <summary>
/// One Spectre progress bar per layer, updated synchronously as the engine reports. With <paramref name="service"/>,
/// each bar is named after the service and added after the service's last one, so services pushing into one view
/// side by side keep their bars together.
/// </summary>
internal sealed class LayerBars(ProgressContext context, string? service = null) : IProgress<LayerProgress>
{
    private readonly Dictionary<string, ProgressTask> bars = new(StringComparer.Ordinal);
    private ProgressTask? last;

    public void Report(LayerProgress value)
    {
        if (!bars.TryGetValue(value.LayerId, out var bar))
        {
            bar = last is null ? context.AddTask(Describe(value), maxValue: 1) : context.AddTaskAfter(Describe(value), last, maxValue: 1);
            bars[value.LayerId] = bar;
            last = bar;
        }

        bar.Description = Describe(value);
        if (value is { Total: > 0 and var total, Current: var current })
        {
            bar.MaxValue = total;
            bar.Value = current ?? 0;
            bar.State.Update<bool>(SizedOnlyColumn.SizedKey, _ => true);
        }

        if (IsFinished(value.Status))
        {
            bar.Value = bar.MaxValue;
            bar.StopTask();
        }
    }

    internal static bool IsFinished(string status) =>
        status.StartsWith("Pushed", StringComparison.OrdinalIgnoreCase)
        || status.StartsWith("Layer already exists", StringComparison.OrdinalIgnoreCase)
        || status.StartsWith("Mounted from", StringComparison.OrdinalIgnoreCase);

    private string Describe(LayerProgress value) => service is null ? $"{value.LayerId} {value.Status}" : $"{service} {value.LayerId} {value.Status}";
}
