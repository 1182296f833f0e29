using System.Diagnostics.CodeAnalysis;

namespace Pipeline.Services;

/// <summary>
/// A SHA-256 over a service's source inputs: each file's path relative to the repository root with the hash of
/// its contents, plus the <see cref="BuildValues"/>. No time stamp and no absolute path goes in, so a fresh clone
/// in another folder has the same fingerprint. Equal fingerprints mean the same image would be built.
/// </summary>
public readonly record struct ServiceFingerprint : IParsable<ServiceFingerprint>
{
    /// <summary>What a content tag starts with: <c>src-</c> and the fingerprint's hex.</summary>
    public const string ContentTagPrefix = "src-";

    private const string Algorithm = "sha256:";

    private ServiceFingerprint(string hex) => Hex = hex;

    /// <summary>64 lower-case hex characters.</summary>
    public string Hex { get; }

    /// <summary>
    /// The image tag that records an image as built from these inputs: <c>src-</c> and all 64 hex characters
    /// (68 of the 128 a tag may hold), so two inputs never share one.
    /// </summary>
    public string ContentTag => ContentTagPrefix + Hex;

    /// <summary>The fingerprint of a computed SHA-256 (lower-case hex).</summary>
    internal static ServiceFingerprint FromHex(string hex) => new(hex);

    /// <summary>Parses <c>sha256:</c> and 64 lower-case hex characters.</summary>
    public static ServiceFingerprint Parse(string s) => Parse(s, provider: null);

    /// <inheritdoc />
    public static ServiceFingerprint Parse(string s, IFormatProvider? provider) =>
        TryParse(s, provider, out var fingerprint) ? fingerprint : throw new FormatException($"'{s}' is not a service fingerprint: expected sha256: and 64 lower-case hex characters");

    /// <inheritdoc />
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out ServiceFingerprint result)
    {
        var valid = s is { Length: 71 } && s.StartsWith(Algorithm, StringComparison.Ordinal) && s[Algorithm.Length..].All(char.IsAsciiHexDigitLower);
        result = valid ? new ServiceFingerprint(s![Algorithm.Length..]) : default;
        return valid;
    }

    /// <inheritdoc />
    public override string ToString() => Hex is null ? string.Empty : Algorithm + Hex;
}
