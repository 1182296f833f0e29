using System.Text.RegularExpressions;

namespace Pipeline.Image.Direct;

/// <summary>
/// The parser directives at a Dockerfile's top (<c># syntax=…</c>, <c># escape=…</c>, <c># check=…</c>): Docker reads
/// them only before the first comment, blank line or instruction.
/// </summary>
internal static partial class ParserDirectives
{
    /// <summary>The first directive the direct builder cannot honour, or null.</summary>
    public static DirectBuildRefusal? Refusal(string dockerfileText)
    {
        var number = 0;
        foreach (var rawLine in dockerfileText.TrimStart('\uFEFF').Split('\n'))
        {
            number++;
            var match = Directive().Match(rawLine.TrimEnd('\r'));
            if (!match.Success)
            {
                return null;
            }

            var name = match.Groups["name"].Value.ToLowerInvariant();
            var value = match.Groups["value"].Value.Trim();
            var text = rawLine.Trim();
            if (name == "syntax")
            {
                return new DirectBuildRefusal(number, text, $"the syntax directive hands the Dockerfile to the frontend {value}, whose rules the direct builder does not know");
            }

            if (name == "escape" && value != "\\")
            {
                return new DirectBuildRefusal(number, text, $"the escape directive makes {value} the escape character; the direct builder reads only '\\'");
            }
        }

        return null;
    }

    [GeneratedRegex(@"^\s*#\s*(?<name>[A-Za-z]+)\s*=(?<value>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Directive();
}
