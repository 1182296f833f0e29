using System.Diagnostics.CodeAnalysis;
using Pipeline.Registry;

namespace Pipeline.Image;

/// <summary>
/// The base-image parameter of a build: <c>local</c> (an offline base imported from this machine's files, see
/// <see cref="LocalBaseImage"/>) or an image reference the user named, which the engine may pull.
/// </summary>
public readonly record struct BaseImage : IParsable<BaseImage>
{
    /// <summary>The parameter value that asks for the offline base.</summary>
    public const string LocalKeyword = "local";

    private BaseImage(ImageReference? reference) => Reference = reference;

    /// <summary>The offline base built from this machine's files.</summary>
    public static BaseImage Local => new(null);

    /// <summary>The named image, or null for <see cref="Local"/>.</summary>
    public ImageReference? Reference { get; }

    /// <summary>True for the offline base.</summary>
    public bool IsLocal => Reference is null;

    /// <summary>A named image.</summary>
    public static BaseImage FromReference(ImageReference reference) => new(reference);

    /// <summary>Parses <c>local</c> or an image reference; throws <see cref="FormatException"/> naming the fix.</summary>
    public static BaseImage Parse(string s) => Parse(s, provider: null);

    /// <inheritdoc cref="Parse(string)"/>
    public static BaseImage Parse(string s, IFormatProvider? provider)
    {
        if (TryParse(s, provider, out var result))
        {
            return result;
        }

        throw new FormatException($"'{s}' is not a base image: pass 'local' for an offline base built from this machine, or an image reference such as mcr.microsoft.com/dotnet/runtime-deps:10.0");
    }

    /// <summary>Parses <c>local</c> or an image reference.</summary>
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out BaseImage result)
    {
        result = default;
        if (string.IsNullOrWhiteSpace(s))
        {
            return false;
        }

        if (string.Equals(s.Trim(), LocalKeyword, StringComparison.OrdinalIgnoreCase))
        {
            result = Local;
            return true;
        }

        if (ImageReference.TryParse(s.Trim(), out var reference))
        {
            result = new BaseImage(reference);
            return true;
        }

        return false;
    }

    /// <inheritdoc />
    public override string ToString() => Reference?.ToString() ?? LocalKeyword;
}
