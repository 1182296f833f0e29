using System.Diagnostics.CodeAnalysis;

namespace Pipeline.Registry;

/// <summary>
/// A tag as the distribution grammar allows it (a letter, digit or '_', then up to 127 letters, digits, '_', '.'
/// and '-'), e.g. <c>latest</c> or <c>v7.10.1</c>: parsed where it is given, so a bad one fails before anything is built.
/// </summary>
public readonly record struct ImageTag : IParsable<ImageTag>
{
    private readonly string? _value;

    private ImageTag(string value) => _value = value;

    /// <summary>The tag text.</summary>
    public string Value => _value ?? "latest";

    /// <summary>Parses a tag; throws <see cref="FormatException"/> naming the input and the rule.</summary>
    public static ImageTag Parse(string s) => Parse(s, provider: null);

    /// <inheritdoc />
    public static ImageTag Parse(string s, IFormatProvider? provider)
    {
        ArgumentNullException.ThrowIfNull(s);
        return ReferenceGrammar.ExplainInvalidTag(s, s) is { } error
            ? throw new FormatException(error.Replace($" in '{s}'", "", StringComparison.Ordinal) + ", e.g. 'latest' or 'stable'")
            : new ImageTag(s);
    }

    /// <inheritdoc />
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out ImageTag result)
    {
        var valid = s is not null && ReferenceGrammar.ExplainInvalidTag(s, s) is null;
        result = valid ? new ImageTag(s!) : default;
        return valid;
    }

    /// <summary>The tag text.</summary>
    public override string ToString() => Value;
}
