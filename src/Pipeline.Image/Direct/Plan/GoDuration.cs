using System.Globalization;
using System.Text.RegularExpressions;

namespace Pipeline.Image.Direct;

/// <summary>Durations as Go's <c>time.ParseDuration</c> reads them (<c>30s</c>, <c>1m30s</c>, <c>500ms</c>, <c>1.5h</c>): HEALTHCHECK's flags.</summary>
internal static partial class GoDuration
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (text == "0")
        {
            return true;
        }

        var parts = Part().Matches(text);
        if (parts.Count == 0 || parts.Sum(part => part.Length) != text.Length)
        {
            return false;
        }

        double ticks = 0;
        foreach (Match part in parts)
        {
            var number = double.Parse(part.Groups["number"].Value, CultureInfo.InvariantCulture);
            ticks += number * part.Groups["unit"].Value switch
            {
                "ns" => 0.01,
                "us" or "µs" or "μs" => TimeSpan.TicksPerMicrosecond,
                "ms" => TimeSpan.TicksPerMillisecond,
                "s" => TimeSpan.TicksPerSecond,
                "m" => TimeSpan.TicksPerMinute,
                _ => TimeSpan.TicksPerHour,
            };
        }

        duration = TimeSpan.FromTicks((long)Math.Round(ticks));
        return true;
    }

    [GeneratedRegex(@"(?<number>[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?<unit>ns|us|µs|μs|ms|s|m|h)", RegexOptions.CultureInvariant)]
    private static partial Regex Part();
}
