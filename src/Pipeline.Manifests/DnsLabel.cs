using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.RegularExpressions;

namespace Pipeline.Manifests;

/// <summary>
/// A Kubernetes name that must be an RFC 1123 label (DNS-1123): at most 63 lower-case letters, digits and '-',
/// starting and ending with a letter or digit. Artifact names, namespaces and pull secret names use it, so an
/// invalid name fails before anything reaches the cluster.
/// </summary>
public readonly partial record struct DnsLabel : IParsable<DnsLabel>
{
    private const int MaxLength = 63;
    private readonly string? _value;

    private DnsLabel(string value) => _value = value;

    /// <summary>The <c>default</c> namespace.</summary>
    public static DnsLabel DefaultNamespace => new("default");

    /// <summary>The label text.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Parses a label; throws <see cref="FormatException"/> naming the input and a valid alternative.</summary>
    public static DnsLabel Parse(string s) => Parse(s, provider: null);

    /// <inheritdoc />
    public static DnsLabel Parse(string s, IFormatProvider? provider) =>
        TryParse(s, out var label) ? label : throw new FormatException(Explain(s));

    /// <summary>Parses a label without throwing.</summary>
    public static bool TryParse([NotNullWhen(true)] string? s, out DnsLabel result) => TryParse(s, provider: null, out result);

    /// <inheritdoc />
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out DnsLabel result)
    {
        var valid = s is { Length: > 0 and <= MaxLength } && Grammar().IsMatch(s);
        result = valid ? new DnsLabel(s!) : default;
        return valid;
    }

    /// <summary>The label text.</summary>
    public override string ToString() => Value;

    /// <summary>
    /// A name in lower-kebab-case: ASCII letters and digits lower-cased, every run of other characters one '-'
    /// (<c>Orders.Api</c> → <c>orders-api</c>); not yet checked as a label (parse it).
    /// </summary>
    public static string KebabCase(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var chars = name.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-');
        return string.Join('-', new string([.. chars]).Split('-', StringSplitOptions.RemoveEmptyEntries));
    }

    private static string Explain(string? input)
    {
        var suggestion = Suggest(input);
        var example = suggestion.Length > 0 ? $"'{suggestion}'" : "'orders-api'";
        return $"'{input}' is not a valid Kubernetes name (an RFC 1123 label): use at most {MaxLength} lower-case letters, "
            + $"digits and '-', starting and ending with a letter or digit, e.g. {example}";
    }

    // Lower-cases and turns runs of other characters into '-', which is what most people mean.
    private static string Suggest(string? input)
    {
        var builder = new StringBuilder();
        foreach (var c in (input ?? string.Empty).ToLowerInvariant())
        {
            var keep = char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);
            if (keep)
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var text = builder.ToString();
        return text[..Math.Min(text.Length, MaxLength)].Trim('-');
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Grammar();
}
