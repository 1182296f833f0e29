using System.Text;
using System.Text.RegularExpressions;

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
        _regex = new Regex(ToRegex(cleaned), RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromSeconds(1));
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

    private static string ToRegex(string pattern)
    {
        var regex = new StringBuilder("^");
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var ch = pattern[i];
            if (inClass)
            {
                if (ch == ']')
                {
                    inClass = false;
                    regex.Append(ch);
                }
                else if (ch == '\\' && i + 1 < pattern.Length)
                {
                    regex.Append('\\').Append(pattern[++i]);
                }
                else
                {
                    regex.Append(ch);
                }

                continue;
            }

            switch (ch)
            {
                case '*' when i + 1 < pattern.Length && pattern[i + 1] == '*':
                    i++;
                    // "**/" is "**": eat the slash.
                    if (i + 1 < pattern.Length && pattern[i + 1] == '/')
                    {
                        i++;
                    }

                    // "**" at the end matches everything below; elsewhere any number of whole segments.
                    regex.Append(i + 1 == pattern.Length ? ".*" : "(.*/)?");
                    break;
                case '*':
                    regex.Append("[^/]*");
                    break;
                case '?':
                    regex.Append("[^/]");
                    break;
                case '[':
                    inClass = true;
                    regex.Append('[');
                    if (i + 1 < pattern.Length && pattern[i + 1] is '^' or '!')
                    {
                        regex.Append('^');
                        i++;
                    }

                    break;
                case '\\':
                    regex.Append(i + 1 < pattern.Length ? Regex.Escape(pattern[++i].ToString()) : @"\\");
                    break;
                default:
                    regex.Append(Regex.Escape(ch.ToString()));
                    break;
            }
        }

        return regex.Append('$').ToString();
    }
}
