using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace Pipeline.Components.Packages;

/// <summary>
/// A NuGet V3 feed, named by its service index (<c>https://nuget.example.com/v3/index.json</c>). HTTPS is required
/// except on loopback: the API key travels in a request header and must not cross a network in clear text.
/// </summary>
public readonly record struct NuGetSource : IParsable<NuGetSource>
{
    private NuGetSource(Uri serviceIndex) => ServiceIndex = serviceIndex;

    /// <summary>The service index URL the feed's resources are discovered from.</summary>
    public Uri ServiceIndex { get; }

    /// <summary>Parses an absolute http(s) URL of a V3 service index.</summary>
    /// <exception cref="FormatException">Not an absolute URL, not http(s), or plain HTTP to a non-loopback host.</exception>
    public static NuGetSource Parse(string s, IFormatProvider? provider = null) =>
        TryParse(s, out var source, out var problem) ? source : throw new FormatException(problem);

    /// <inheritdoc />
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out NuGetSource result) =>
        TryParse(s, out result, out _);

    /// <inheritdoc />
    public override string ToString() => ServiceIndex.ToString();

    private static bool TryParse(string? text, out NuGetSource result, out string problem)
    {
        result = default;
        if (!Uri.TryCreate(text?.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            problem = $"'{text}' is not a NuGet V3 feed: pass its service index URL, e.g. https://nuget.example.com/v3/index.json.";
            return false;
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri))
        {
            problem = $"'{uri}' is plain HTTP: the API key would cross the network in clear text; use the feed's https:// URL.";
            return false;
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            problem = $"'{uri.GetComponents(UriComponents.SchemeAndServer, UriFormat.Unescaped)}…' carries credentials in the URL: remove them and set NUGET_API_KEY.";
            return false;
        }

        problem = "";
        result = new NuGetSource(uri);
        return true;
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
