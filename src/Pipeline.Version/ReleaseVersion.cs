using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Pipeline.Version;

/// <summary>
/// A semantic version (SemVer 2.0.0) that names a release and the image tag built from it.
/// Accepts <c>7.10.1</c>, <c>v7.10.1</c>, <c>1.0.0-rc.1</c> and <c>1.0.0+abc</c>; rejects anything a
/// Docker tag (<c>[\w][\w.-]{0,127}</c>) cannot hold. Ordering follows SemVer precedence.
/// </summary>
public readonly record struct ReleaseVersion : IParsable<ReleaseVersion>, IComparable<ReleaseVersion>, IComparable
{
    private readonly string? _prerelease;
    private readonly string? _buildMetadata;

    /// <summary>Creates a version from its parts; each part is validated like <see cref="Parse(string)"/>.</summary>
    public ReleaseVersion(int major, int minor, int patch, string? prerelease = null, string? buildMetadata = null)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{major}.{minor}.{patch}")
            + (string.IsNullOrEmpty(prerelease) ? string.Empty : "-" + prerelease)
            + (string.IsNullOrEmpty(buildMetadata) ? string.Empty : "+" + buildMetadata);
        if (major < 0 || minor < 0 || patch < 0)
        {
            throw new FormatException(Explain(text, "a number is negative"));
        }

        if (!SemVerGrammar.TryParse(text, out _, out var reason))
        {
            throw new FormatException(Explain(text, reason));
        }

        Major = major;
        Minor = minor;
        Patch = patch;
        _prerelease = prerelease ?? string.Empty;
        _buildMetadata = buildMetadata ?? string.Empty;
    }

    /// <summary>The major version.</summary>
    public int Major { get; }

    /// <summary>The minor version.</summary>
    public int Minor { get; }

    /// <summary>The patch version.</summary>
    public int Patch { get; }

    /// <summary>The pre-release identifiers (<c>rc.1</c>), or empty for a release.</summary>
    public string Prerelease => _prerelease ?? string.Empty;

    /// <summary>The build metadata (<c>abc</c> from <c>1.0.0+abc</c>), or empty. Ignored by precedence.</summary>
    public string BuildMetadata => _buildMetadata ?? string.Empty;

    /// <summary>True when the version has pre-release identifiers.</summary>
    public bool IsPrerelease => Prerelease.Length > 0;

    /// <summary>
    /// The Docker image tag: <c>v</c> + the version, with <c>+</c> (not allowed in tags) written as <c>_</c>,
    /// Helm's convention: <c>v1.0.0-rc.1_abc</c>.
    /// </summary>
    public string ImageTag => "v" + ToString().Replace('+', '_');

    /// <summary>Parses a release version or throws a <see cref="FormatException"/> naming the input and the fix.</summary>
    public static ReleaseVersion Parse(string s) => Parse(s, provider: null);

    /// <inheritdoc cref="Parse(string)"/>
    public static ReleaseVersion Parse(string s, IFormatProvider? provider)
    {
        if (!SemVerGrammar.TryParse(s, out var parts, out var reason))
        {
            throw new FormatException(Explain(s, reason));
        }

        return FromParts(parts);
    }

    /// <summary>Parses a release version; false when <paramref name="s"/> is not one.</summary>
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out ReleaseVersion result)
    {
        var ok = SemVerGrammar.TryParse(s, out var parts, out _);
        result = ok ? FromParts(parts) : default;
        return ok;
    }

    /// <inheritdoc cref="TryParse(string?, IFormatProvider?, out ReleaseVersion)"/>
    public static bool TryParse([NotNullWhen(true)] string? s, out ReleaseVersion result) => TryParse(s, null, out result);

    /// <summary>The canonical SemVer form without the <c>v</c> prefix: <c>7.10.1</c>, <c>1.0.0-rc.1+abc</c>.</summary>
    public override string ToString()
    {
        var core = string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}.{Patch}");
        return core
            + (IsPrerelease ? "-" + Prerelease : string.Empty)
            + (BuildMetadata.Length > 0 ? "+" + BuildMetadata : string.Empty);
    }

    /// <summary>Equal when every part matches, build metadata included (precedence ignores it; identity does not).</summary>
    public bool Equals(ReleaseVersion other) =>
        (Major, Minor, Patch) == (other.Major, other.Minor, other.Patch)
        && string.Equals(Prerelease, other.Prerelease, StringComparison.Ordinal)
        && string.Equals(BuildMetadata, other.BuildMetadata, StringComparison.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() =>
        HashCode.Combine(Major, Minor, Patch, StringComparer.Ordinal.GetHashCode(Prerelease),
            StringComparer.Ordinal.GetHashCode(BuildMetadata));

    /// <summary>SemVer precedence (§11): numbers, then a release above its pre-releases, then identifiers.</summary>
    public int CompareTo(ReleaseVersion other)
    {
        var byCore = (Major, Minor, Patch).CompareTo((other.Major, other.Minor, other.Patch));
        if (byCore != 0)
        {
            return byCore;
        }

        if (IsPrerelease != other.IsPrerelease)
        {
            return IsPrerelease ? -1 : 1;
        }

        return ComparePrerelease(Prerelease, other.Prerelease);
    }

    /// <inheritdoc />
    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        ReleaseVersion other => CompareTo(other),
        _ => throw new ArgumentException($"cannot compare a {nameof(ReleaseVersion)} with {obj.GetType().Name}", nameof(obj)),
    };

    /// <summary>SemVer precedence: less than.</summary>
    public static bool operator <(ReleaseVersion left, ReleaseVersion right) => left.CompareTo(right) < 0;

    /// <summary>SemVer precedence: less than or equal.</summary>
    public static bool operator <=(ReleaseVersion left, ReleaseVersion right) => left.CompareTo(right) <= 0;

    /// <summary>SemVer precedence: greater than.</summary>
    public static bool operator >(ReleaseVersion left, ReleaseVersion right) => left.CompareTo(right) > 0;

    /// <summary>SemVer precedence: greater than or equal.</summary>
    public static bool operator >=(ReleaseVersion left, ReleaseVersion right) => left.CompareTo(right) >= 0;

    private static ReleaseVersion FromParts(SemVerGrammar.Parts parts) =>
        new(parts.Major, parts.Minor, parts.Patch, parts.Prerelease, parts.BuildMetadata);

    private static int ComparePrerelease(string left, string right)
    {
        var l = left.Split('.');
        var r = right.Split('.');
        for (var i = 0; i < Math.Min(l.Length, r.Length); i++)
        {
            var order = CompareIdentifier(l[i], r[i]);
            if (order != 0)
            {
                return order;
            }
        }

        return l.Length.CompareTo(r.Length);
    }

    private static int CompareIdentifier(string left, string right)
    {
        var leftNumeric = left.All(char.IsAsciiDigit);
        var rightNumeric = right.All(char.IsAsciiDigit);
        return (leftNumeric, rightNumeric) switch
        {
            // No leading zeros, so the longer number is the larger; equal lengths compare digit by digit.
            (true, true) => left.Length != right.Length
                ? left.Length.CompareTo(right.Length)
                : string.CompareOrdinal(left, right),
            (true, false) => -1,
            (false, true) => 1,
            _ => string.CompareOrdinal(left, right),
        };
    }

    private static string Explain(string? input, string reason) =>
        $"'{input}' is not a release version: {reason}. Use MAJOR.MINOR.PATCH such as 1.2.3 or v1.2.3, "
        + "optionally with -prerelease (1.0.0-rc.1) and +build metadata (1.0.0+abc), letters, digits, '.' and '-' only.";
}
