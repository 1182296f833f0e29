using System.Text;

namespace Pipeline.Manifests;

/// <summary>
/// Writes a JSON string byte for byte as Go's <c>encoding/json</c> (<c>json.Marshal</c>, so kubectl) writes it:
/// <c>"</c> and <c>\</c> with a backslash; <c>\b \f \n \r \t</c> short; other control characters, <c>&lt; &gt; &amp;</c>
/// (HTML escaping is on by default) and U+2028/U+2029 as <c>\u00xx</c>-style escapes in lower-case hex; everything else,
/// non-ASCII letters and emoji included, as raw UTF-8. System.Text.Json escapes far more (<c>\u0022</c>, <c>\u00E9</c>).
/// </summary>
internal static class GoJsonString
{
    private const string HexDigits = "0123456789abcdef";

    /// <summary>Appends <paramref name="value"/> as a quoted JSON string in UTF-8 to <paramref name="output"/>.</summary>
    public static void Write(Stream output, string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        for (var index = 0; index < value.Length; index++)
        {
            var character = value[index];
            switch (character)
            {
                case '"' or '\\':
                    text.Append('\\').Append(character);
                    break;
                case '\b':
                    text.Append("\\b");
                    break;
                case '\f':
                    text.Append("\\f");
                    break;
                case '\n':
                    text.Append("\\n");
                    break;
                case '\r':
                    text.Append("\\r");
                    break;
                case '\t':
                    text.Append("\\t");
                    break;
                case < ' ' or '<' or '>' or '&' or '\u2028' or '\u2029':
                    AppendEscape(text, character);
                    break;
                case var _ when char.IsHighSurrogate(character) && index + 1 < value.Length && char.IsLowSurrogate(value[index + 1]):
                    text.Append(character).Append(value[++index]);
                    break;
                case var _ when char.IsSurrogate(character):
                    // A lone surrogate is not UTF-8; Go writes invalid UTF-8 as the replacement character's escape.
                    text.Append("\\ufffd");
                    break;
                default:
                    text.Append(character);
                    break;
            }
        }

        var bytes = Encoding.UTF8.GetBytes(text.Append('"').ToString());
        output.Write(bytes);
    }

    private static void AppendEscape(StringBuilder text, char character) =>
        text.Append("\\u")
            .Append(HexDigits[(character >> 12) & 0xF])
            .Append(HexDigits[(character >> 8) & 0xF])
            .Append(HexDigits[(character >> 4) & 0xF])
            .Append(HexDigits[character & 0xF]);
}
