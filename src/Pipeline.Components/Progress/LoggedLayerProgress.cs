using Microsoft.Extensions.Logging;
using Pipeline.Image;

namespace Pipeline.Components.Progress;

/// <summary>CI form of push progress: one line per layer when it is done, with its size when known.</summary>
internal sealed class LoggedLayerProgress(ILogger log) : IProgress<LayerProgress>
{
    private readonly Dictionary<string, long?> sizes = new(StringComparer.Ordinal);
    private readonly HashSet<string> finished = new(StringComparer.Ordinal);

    public void Report(LayerProgress value)
    {
        if (value.Total is { } total)
        {
            sizes[value.LayerId] = total;
        }

        if (LayerBars.IsFinished(value.Status) && finished.Add(value.LayerId))
        {
            var size = sizes.GetValueOrDefault(value.LayerId) is { } bytes ? $" ({bytes / 1024.0 / 1024.0:0.0} MB)" : string.Empty;
            log.LogInformation("layer {Layer}: {Status}{Size}", value.LayerId, value.Status, size);
        }
    }
}
