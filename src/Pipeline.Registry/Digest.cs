using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Pipeline.Registry;

/// <summary>
/// A content digest <c>algorithm:hex</c> (OCI image spec, descriptor.md "Digests"), e.g.
/// <c>sha256:6c3c…</c>: identifies a manifest or blob by its bytes.
/// </summary>
public readonly record struct Digest : IParsable<Digest>
{
    private Digest(string algorithm, string hex)
    {
        Algorithm = algorithm;
        Hex = hex;
    }

    /// <summary>The hash algorithm, e.g. <c>sha256</c>.</summary>
    public string Algorithm { get; }

    /// <summary>The lower-case hex encoded hash.</summary>
    public string Hex { get; }

    /// <summary>The SHA-256 digest of <paramref name="content"/>.</summary>
    public static Digest ComputeSha256(ReadOnlySpan<byte> content) =>
        new("sha256", Convert.ToHexStringLower(SHA256.HashData(content)));

    /// <summary>Parses <c>algorithm:hex</c>; throws <see cref="FormatException"/> naming the input and the fix.</summary>
    public static Digest Parse(string s) => Parse(s, provider: null);

    /// <inheritdoc />
    public static Digest Parse(string s, IFormatProvider? provider)
    {
        ArgumentNullException.ThrowIfNull(s);
        return TryParse(s, out var digest, out var error) ? digest : throw new FormatException(error);
    }

    /// <summary>Parses <c>algorithm:hex</c> without throwing.</summary>
    public static bool TryParse([NotNullWhen(true)] string? s, out Digest result) => TryParse(s, provider: null, out result);

    /// <inheritdoc />
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out Digest result) =>
        TryParse(s, out result, out _);

    internal static bool TryParse(string? s, out Digest result, out string error)
    {
        result = default;
        if (string.IsNullOrEmpty(s))
        {
            error = "a digest cannot be empty: use 'sha256:' followed by 64 hex characters";
            return false;
        }

        var colon = s.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            error = $"digest '{s}' has no algorithm: write it as 'sha256:<64 hex characters>'";
            return false;
        }

        var algorithm = s[..colon];
        var hex = s[(colon + 1)..];
        if (!ReferenceGrammar.DigestAlgorithm().IsMatch(algorithm))
        {
            error = $"digest '{s}' has an invalid algorithm '{algorithm}': use a lower-case name such as 'sha256'";
            return false;
        }

        var expectedLength = algorithm switch
        {
            "sha256" => 64,
            "sha512" => 128,
            _ => 0,
        };
        if (!ReferenceGrammar.DigestHex().IsMatch(hex) || (expectedLength > 0 && hex.Length != expectedLength))
        {
            var length = expectedLength > 0 ? expectedLength.ToString(System.Globalization.CultureInfo.InvariantCulture) : "at least 32";
            error = $"digest '{s}' is invalid: {algorithm} needs {length} lower-case hex characters after ':'";
            return false;
        }

        result = new Digest(algorithm, hex);
        error = string.Empty;
        return true;
    }

    /// <summary>The canonical form <c>algorithm:hex</c>.</summary>
    public override string ToString() => Algorithm is null ? string.Empty : $"{Algorithm}:{Hex}";
}
