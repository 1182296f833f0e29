using System.Text;

namespace Pipeline.Engine.Output;

/// <summary>
/// Replaces every registered secret, and its base64 forms, with <see cref="Mask"/>. Every output channel of
/// the engine (console, step summary, exceptions, logger) passes through one instance.
/// </summary>
internal sealed class SecretMasker
{
    public const string Mask = "***";

    // Shorter derived forms would mask ordinary text; the literal secret is masked at any length.
    private const int MinimumDerivedLength = 4;

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
        yield return secret;
        var trimmed = secret.Trim();
        if (trimmed != secret)
        {
            yield return trimmed;
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
