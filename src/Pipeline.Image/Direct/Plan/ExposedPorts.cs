using System.Globalization;

namespace Pipeline.Image.Direct;

/// <summary><c>EXPOSE</c>'s words as Docker reads them: <c>8080</c>, <c>8080/udp</c>, a range <c>8000-8002/tcp</c>.</summary>
internal static class ExposedPorts
{
    /// <summary>The <c>port/protocol</c> keys the word stands for; null when it is no port.</summary>
    public static IReadOnlyList<string>? Read(string word)
    {
        var slash = word.IndexOf('/', StringComparison.Ordinal);
        var protocol = slash < 0 ? "tcp" : word[(slash + 1)..].ToLowerInvariant();
        var ports = slash < 0 ? word : word[..slash];
        if (protocol is not ("tcp" or "udp" or "sctp"))
        {
            return null;
        }

        var dash = ports.IndexOf('-', StringComparison.Ordinal);
        var first = dash < 0 ? ports : ports[..dash];
        var last = dash < 0 ? ports : ports[(dash + 1)..];
        if (!ushort.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            || !ushort.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var end)
            || end < start)
        {
            return null;
        }

        return [.. Enumerable.Range(start, end - start + 1).Select(port => $"{port}/{protocol}")];
    }
}
