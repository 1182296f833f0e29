using System.Text;

namespace Pipeline.Image;

/// <summary>One Dockerfile <c>LABEL</c> instruction holding many labels, quoted so no value is re-interpreted.</summary>
internal static class LabelInstruction
{
    public static string For(IReadOnlyDictionary<string, string> labels)
    {
        var line = new StringBuilder("LABEL");
        foreach (var (key, value) in labels.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            line.Append(' ').Append(Quote(key)).Append('=').Append(Quote(value));
        }

        return line.ToString();
    }

    // Inside double quotes a Dockerfile expands $VARIABLES and reads backslash escapes: escape both, and quotes.
    private static string Quote(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("$", "\\$", StringComparison.Ordinal)
            .Replace("\n", " ", StringComparison.Ordinal) + "\"";
}
