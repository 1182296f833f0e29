using System.Globalization;

namespace Pipeline.Cluster;

/// <summary>Formats durations the way kubectl and Skaffold print them: <c>5m</c>, <c>1m30s</c>, <c>1.5s</c>.</summary>
internal static class Durations
{
    public static string Format(TimeSpan duration)
    {
        if (duration < TimeSpan.FromMinutes(1))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.###}s");
        }

        var minutes = (long)duration.TotalMinutes;
        var seconds = duration - TimeSpan.FromMinutes(minutes);
        return seconds < TimeSpan.FromMilliseconds(1)
            ? string.Create(CultureInfo.InvariantCulture, $"{minutes}m")
            : string.Create(CultureInfo.InvariantCulture, $"{minutes}m{seconds.TotalSeconds:0.###}s");
    }
}
