using System.Text;
using System.Text.Json;

namespace Pipeline.Image.Direct;

/// <summary>How Docker's parser cuts an instruction's arguments into words, flags and JSON arrays, before expansion.</summary>
internal static class InstructionWords
{
    /// <summary>Words separated by whitespace, quotes not considered (COPY, ADD, EXPOSE and FROM are read so).</summary>
    public static string[] SplitWhitespace(string text) => text.Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Words separated by unquoted whitespace, quotes and escapes kept for expansion (ENV and LABEL are read so).</summary>
    public static List<string> SplitQuoted(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        char? quote = null;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quote is null && char.IsWhiteSpace(ch))
            {
                if (word.Length > 0)
                {
                    words.Add(word.ToString());
                    word.Clear();
                }

                continue;
            }

            word.Append(ch);
            if (ch == '\\' && quote != '\'' && i + 1 < text.Length)
            {
                word.Append(text[++i]);
            }
            else if (quote is null && ch is '"' or '\'')
            {
                quote = ch;
            }
            else if (quote == ch)
            {
                quote = null;
            }
        }

        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    /// <summary>The exec form: a JSON array of strings; false for anything else (which Docker takes as the shell form).</summary>
    public static bool TryJsonArray(string text, out List<string> items)
    {
        items = [];
        if (!text.TrimStart().StartsWith('['))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return false;
            }

            foreach (var element in document.RootElement.EnumerateArray())
            {
                if (element.ValueKind != JsonValueKind.String)
                {
                    items = [];
                    return false;
                }

                items.Add(element.GetString()!);
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The leading <c>--name[=value]</c> words and the text after them.</summary>
    public static (List<(string Name, string? Value)> Flags, string Remainder) TakeFlags(string text)
    {
        var flags = new List<(string, string?)>();
        var rest = text.TrimStart();
        while (rest.StartsWith("--", StringComparison.Ordinal))
        {
            var end = rest.IndexOfAny([' ', '\t']);
            var word = end < 0 ? rest : rest[..end];
            rest = end < 0 ? string.Empty : rest[end..].TrimStart();
            if (word == "--")
            {
                break;
            }

            var equals = word.IndexOf('=', StringComparison.Ordinal);
            flags.Add(equals < 0 ? (word[2..], null) : (word[2..equals], word[(equals + 1)..]));
        }

        return (flags, rest);
    }
}
