using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Pipeline.Engine.Output;

/// <summary>
/// Replaces every registered secret, and the forms it takes on its way into output (base64, JSON-escaped,
/// URL-encoded, each line of a multi-line secret), with <see cref="Mask"/>. Every output channel of the engine
/// (console, live displays, step summary, exceptions, logger) passes through one instance.
/// </summary>
internal sealed class SecretMasker
{
    public const string Mask = "***";

    // Shorter derived forms would mask ordinary text; the literal secret is masked at any length.
    private const int MinimumDerivedLength = 4;

    // Tool output is masked a line at a time, so a multi-line secret (a JSON key file used as a password) is also
    // masked line by line; short lines ("{", "}") are the file's shape, not its secret.
    private const int MinimumLineLength = 8;

    private static readonly JsonSerializerOptions MinimalEscaping = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Lock gate = new();
    private readonly HashSet<string> known = new(StringComparer.Ordinal);
    private string[] longestFirst = [];

    /// <summary>Registers a secret; returns the forms not known before (for the CI host's own masking).</summary>
    public IReadOnlyList<string> Add(string secret)
    {
        if (string.IsNullOrWhiteSpace(secret))
        {
            return [];
        }

        lock (gate)
        {
            var added = FormsOf(secret).Where(known.Add).ToList();
            if (added.Count > 0)
            {
                Volatile.Write(ref longestFirst, [.. known.OrderByDescending(form => form.Length)]);
            }

            return added;
        }
    }

    /// <summary>
    /// How many characters at the end of <paramref name="text"/> could be the start of a secret form: a writer that
    /// streams holds them back until the next write completes the secret (masked then) or shows it is none.
    /// </summary>
    public int UnfinishedLength(string text)
    {
        var longest = 0;
        foreach (var form in Volatile.Read(ref longestFirst))
        {
            for (var length = Math.Min(form.Length - 1, text.Length); length > longest; length--)
            {
                if (text.AsSpan(text.Length - length).SequenceEqual(form.AsSpan(0, length)))
                {
                    longest = length;
                    break;
                }
            }
        }

        return longest;
    }

    public string Apply(string text)
    {
        var forms = Volatile.Read(ref longestFirst);
        foreach (var form in forms)
        {
            text = text.Replace(form, Mask, StringComparison.Ordinal);
        }

        return text;
    }

    private static IEnumerable<string> FormsOf(string secret)
    {
        var trimmed = secret.Trim();
        var lines = trimmed.ReplaceLineEndings("\n").Split('\n').Select(line => line.Trim()).Where(line => line.Length >= MinimumLineLength);
        IEnumerable<string> literal = [secret, trimmed, .. lines];
        foreach (var text in literal.Distinct(StringComparer.Ordinal))
        {
            yield return text;
            foreach (var escaped in EscapedForms(text))
            {
                yield return escaped;
            }
        }

        var bytes = Encoding.UTF8.GetBytes(trimmed);
        foreach (var encoded in Base64Forms(bytes))
        {
            yield return encoded;
            var urlSafe = encoded.Replace('+', '-').Replace('/', '_');
            if (urlSafe != encoded)
            {
                yield return urlSafe;
            }
        }
    }

    /// <summary>
    /// How the secret reads inside a JSON string (System.Text.Json escapes HTML-sensitive and non-ASCII characters,
    /// Go and Newtonsoft only quotes, backslashes and controls) and inside a URL (query string or form body).
    /// </summary>
    private static IEnumerable<string> EscapedForms(string text)
    {
        string[] forms =
        [
            JsonSerializer.Serialize(text)[1..^1],
            JsonSerializer.Serialize(text, MinimalEscaping)[1..^1],
            Uri.EscapeDataString(text),
            WebUtility.UrlEncode(text),
        ];
        return forms.Where(form => form != text).Distinct(StringComparer.Ordinal);
    }

    /// <summary>
    /// The complete encoding, plus the characters that stay the same whatever precedes or follows the secret
    /// at each of the three byte alignments (a secret inside a larger base64 blob, like a Docker config).
    /// </summary>
    private static IEnumerable<string> Base64Forms(byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            yield break;
        }

        yield return Convert.ToBase64String(bytes);
        for (var offset = 0; offset < 3; offset++)
        {
            var shifted = new byte[offset + bytes.Length];
            bytes.CopyTo(shifted, offset);
            var encoded = Convert.ToBase64String(shifted).TrimEnd('=');
            var start = offset == 0 ? 0 : offset + 1;
            var end = encoded.Length - (shifted.Length % 3 == 0 ? 0 : 1);
            if (end - start >= MinimumDerivedLength)
            {
                yield return encoded[start..end];
            }
        }
    }
}
