using System.Text;
using System.Text.RegularExpressions;

namespace Pipeline.Registry.Globs;

/// <summary>
/// Compiles a glob into an anchored regular expression in one of the <see cref="GlobDialect"/>s: the one loop that
/// <c>.dockerignore</c> lines and the kubelet's <c>*.example.com</c> host labels share.
/// </summary>
internal static class GlobPattern
{
    /// <summary>
    /// The pattern as a regex matching whole strings with <c>/</c> as the segment separator; null when the dialect
    /// says a malformed pattern never matches.
    /// </summary>
    /// <exception cref="ArgumentException">The pattern is malformed in a dialect that rejects it (an unterminated class).</exception>
    public static Regex? Compile(string pattern, GlobDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(dialect);
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            switch (pattern[i])
            {
                case '*' when dialect.DoubleStarSpansSegments && i + 1 < pattern.Length && pattern[i + 1] == '*':
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
                    var read = dialect.Classes == GlobClassSyntax.DockerIgnore
                        ? AppendWrittenClass(pattern, i, regex)
                        : AppendLiteralClass(pattern, i, regex);
                    if (read < 0)
                    {
                        return null;
                    }

                    i = read;
                    break;
                case '\\':
                    regex.Append(i + 1 < pattern.Length ? Regex.Escape(pattern[++i].ToString()) : @"\\");
                    break;
                default:
                    regex.Append(Regex.Escape(pattern[i].ToString()));
                    break;
            }
        }

        return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromSeconds(1));
    }

    // The class at pattern[open] as written; returns the index of its ']' (or the end: the regex then fails to parse).
    private static int AppendWrittenClass(string pattern, int open, StringBuilder regex)
    {
        regex.Append('[');
        var i = open + 1;
        if (i < pattern.Length && pattern[i] is '^' or '!')
        {
            regex.Append('^');
            i++;
        }

        for (; i < pattern.Length; i++)
        {
            var ch = pattern[i];
            if (ch == ']')
            {
                regex.Append(ch);
                return i;
            }

            if (ch == '\\' && i + 1 < pattern.Length)
            {
                regex.Append('\\').Append(pattern[++i]);
            }
            else
            {
                regex.Append(ch);
            }
        }

        return i - 1;
    }

    // The class at pattern[open] with literal characters; returns the index of its ']', or -1 when there is none.
    private static int AppendLiteralClass(string pattern, int open, StringBuilder regex)
    {
        var close = pattern.IndexOf(']', open + 1);
        if (close < 0)
        {
            return -1;
        }

        var set = pattern[(open + 1)..close];
        regex.Append('[').Append(set.StartsWith('^') ? "^" + Regex.Escape(set[1..]) : Regex.Escape(set)).Append(']');
        return close;
    }
}
