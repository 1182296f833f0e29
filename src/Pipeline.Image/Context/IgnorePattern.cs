using System.Text.RegularExpressions;
using Pipeline.Registry.Globs;

namespace Pipeline.Image;

/// <summary>
/// One <c>.dockerignore</c> line compiled the way Docker's pattern matcher does: <c>*</c> and <c>?</c> stay
/// inside one path segment, <c>**</c> spans any number of segments (zero included), <c>[…]</c> is a class,
/// <c>\</c> escapes, and a leading <c>!</c> makes the line an exception.
/// </summary>
internal sealed class IgnorePattern
{
    private readonly Regex _regex;

    private IgnorePattern(string cleaned, bool isException)
    {
        Text = cleaned;
        IsException = isException;
        _regex = GlobPattern.Compile(cleaned, GlobDialect.DockerIgnore)
            ?? throw new InvalidOperationException("the .dockerignore dialect rejects a malformed pattern instead of dropping it");
    }

    /// <summary>The cleaned pattern, without the <c>!</c>.</summary>
    public string Text { get; }

    /// <summary>True for <c>!pattern</c> lines, which re-include what earlier lines excluded.</summary>
    public bool IsException { get; }

    /// <summary>Compiles one line; null for blank lines and comments.</summary>
    public static IgnorePattern? FromLine(string line)
    {
        // Comments are recognised before trimming, as Docker does.
        if (line.StartsWith('#'))
        {
            return null;
        }

        var pattern = line.Trim();
        if (pattern.Length == 0)
        {
            return null;
        }

        var isException = pattern[0] == '!';
        if (isException)
        {
            pattern = pattern[1..].Trim();
        }

        if (pattern.Length > 0)
        {
            pattern = CleanPath(pattern);
            if (pattern.Length > 1 && pattern[0] == '/')
            {
                pattern = pattern[1..];
            }
        }

        return new IgnorePattern(pattern, isException);
    }

    /// <summary>True when the pattern matches <paramref name="relativePath"/> (forward slashes) exactly.</summary>
    public bool Matches(string relativePath) => _regex.IsMatch(relativePath);

    /// <summary>Lexical clean like Go's <c>filepath.Clean</c>: no empty, <c>.</c> or resolvable <c>..</c> segments.</summary>
    internal static string CleanPath(string path)
    {
        var rooted = path.StartsWith('/');
        var segments = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == ".." && segments.Count > 0 && segments[^1] != "..")
            {
                segments.RemoveAt(segments.Count - 1);
            }
            else if (segment != ".." || !rooted)
            {
                segments.Add(segment);
            }
        }

        var joined = string.Join('/', segments);
        return rooted ? "/" + joined : joined.Length == 0 ? "." : joined;
    }
}
