using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace Pipeline.Image;

/// <summary>
/// An image platform, <c>os/architecture[/variant]</c> as image indexes name them, with the .NET runtime identifier
/// its application is published for. Only the platforms a self-contained .NET publish targets are accepted.
/// </summary>
public readonly record struct Platform : IParsable<Platform>
{
    private static readonly Platform[] Known =
    [
        new("linux", "amd64", null, "linux-x64"),
        new("linux", "arm64", null, "linux-arm64"),
        new("linux", "arm", "v7", "linux-arm"),
    ];

    private Platform(string os, string architecture, string? variant, string runtimeIdentifier)
    {
        Os = os;
        Architecture = architecture;
        Variant = variant;
        RuntimeIdentifier = runtimeIdentifier;
    }

    /// <summary>The operating system, <c>linux</c>.</summary>
    public string Os { get; }

    /// <summary>The CPU architecture as Go names it: <c>amd64</c>, <c>arm64</c>, <c>arm</c>.</summary>
    public string Architecture { get; }

    /// <summary>The CPU variant (<c>v7</c> for 32-bit arm), or null.</summary>
    public string? Variant { get; }

    /// <summary>The .NET runtime identifier its application is published for: <c>linux-x64</c>, <c>linux-arm64</c>, <c>linux-arm</c>.</summary>
    public string RuntimeIdentifier { get; }

    /// <summary>The platforms accepted, as written: <c>linux/amd64, linux/arm64, linux/arm/v7</c>.</summary>
    public static string Accepted => string.Join(", ", Known.Select(platform => platform.ToString()));

    /// <summary>This machine's platform (what the offline local base is made for), or null when it is none of the accepted ones.</summary>
    public static Platform? Machine => RuntimeInformation.OSArchitecture switch
    {
        System.Runtime.InteropServices.Architecture.X64 => Known[0],
        System.Runtime.InteropServices.Architecture.Arm64 => Known[1],
        System.Runtime.InteropServices.Architecture.Arm => Known[2],
        _ => null,
    };

    /// <summary>Parses <c>os/arch[/variant]</c>; throws <see cref="FormatException"/> listing the accepted values.</summary>
    public static Platform Parse(string s) => Parse(s, provider: null);

    /// <inheritdoc cref="Parse(string)"/>
    public static Platform Parse(string s, IFormatProvider? provider) =>
        TryParse(s, provider, out var platform)
            ? platform
            : throw new FormatException($"'{s}' is not a platform an image is built for: pass one or more of {Accepted} (comma-separated)");

    /// <summary>Parses <c>os/arch[/variant]</c> (any case; <c>linux/arm</c> is <c>linux/arm/v7</c>, as Docker reads it).</summary>
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out Platform result)
    {
        var text = s?.Trim().ToLowerInvariant();
        text = text == "linux/arm" ? "linux/arm/v7" : text;
        result = Known.FirstOrDefault(platform => platform.ToString() == text);
        return result.Os is not null;
    }

    /// <summary><c>os/arch[/variant]</c>.</summary>
    public override string ToString() => Os is null ? string.Empty : Variant is null ? $"{Os}/{Architecture}" : $"{Os}/{Architecture}/{Variant}";
}
