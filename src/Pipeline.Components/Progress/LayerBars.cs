using Pipeline.Image;
using Spectre.Console;

namespace Pipeline.Components.Progress;

/// <summary>One Spectre progress bar per layer, updated synchronously as the engine reports.</summary>
internal sealed class LayerBars(ProgressContext context) : IProgress<LayerProgress>
{
    private readonly Dictionary<string, ProgressTask> bars = new(StringComparer.Ordinal);

    public void Report(LayerProgress value)
    {
        if (!bars.TryGetValue(value.LayerId, out var bar))
        {
            bar = context.AddTask(value.LayerId, maxValue: 1);
            bars[value.LayerId] = bar;
        }

        bar.Description = $"{value.LayerId} {value.Status}";
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
}
