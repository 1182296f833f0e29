using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Pipeline.Registry;

/// <summary>
/// A registry's <c>host[:port]</c> as it appears in an image reference (<c>nexus.example.com:8082</c>,
/// <c>localhost:5000</c>, <c>docker.io</c>). Host names compare case-insensitively, so they are stored lower case;
/// <c>index.docker.io</c> is normalised to <c>docker.io</c>. <c>default</c> is Docker Hub.
/// </summary>
public readonly record struct RegistryHost : IParsable<RegistryHost>
{
    private readonly string? _value;

    private RegistryHost(string value) => _value = value;

    /// <summary>Docker Hub (<c>docker.io</c>), the registry of references without a domain.</summary>
    public static RegistryHost DockerHub => new(ReferenceGrammar.DockerHubDomain);

    /// <summary>The embedded local registry's address, <c>localhost:5000</c>.</summary>
    public static RegistryHost LocalDefault => new("localhost:5000");

    /// <summary>The canonical <c>host[:port]</c>.</summary>
    public string Value => _value ?? ReferenceGrammar.DockerHubDomain;

    /// <summary>The host without the port (IPv6 keeps its brackets).</summary>
    public string Hostname
    {
        get
        {
            var value = Value;
            var colon = value.LastIndexOf(':');
            return colon > value.LastIndexOf(']') ? value[..colon] : value;
        }
    }

    /// <summary>The explicit port, or null when the reference names none.</summary>
    public int? Port
    {
        get
        {
            var value = Value;
            var colon = value.LastIndexOf(':');
            return colon > value.LastIndexOf(']')
                ? int.Parse(value.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture)
                : null;
        }
    }

    /// <summary>True for Docker Hub.</summary>
    public bool IsDockerHub => Value == ReferenceGrammar.DockerHubDomain;

    /// <summary>
    /// True for <c>localhost</c> and 127.0.0.0/8 or ::1: Docker talks plain HTTP to these without configuration,
    /// and so does the registry client.
    /// </summary>
    public bool IsLoopback => CredentialOrigin.IsLoopbackHost(Hostname);

    /// <summary>
    /// The authority the registry API is served from: Docker Hub's API lives at <c>registry-1.docker.io</c>,
    /// every other registry at its own host.
    /// </summary>
    public string ApiAuthority => IsDockerHub ? "registry-1.docker.io" : Value;

    /// <summary>Parses <c>host[:port]</c>; throws <see cref="FormatException"/> naming the input and the fix.</summary>
    public static RegistryHost Parse(string s) => Parse(s, provider: null);

    /// <inheritdoc />
    public static RegistryHost Parse(string s, IFormatProvider? provider)
    {
        ArgumentNullException.ThrowIfNull(s);
        return TryParse(s, out var host, out var error) ? host : throw new FormatException(error);
    }

    /// <summary>Parses <c>host[:port]</c> without throwing.</summary>
    public static bool TryParse([NotNullWhen(true)] string? s, out RegistryHost result) => TryParse(s, provider: null, out result);

    /// <inheritdoc />
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out RegistryHost result) =>
        TryParse(s, out result, out _);

    internal static bool TryParse(string? s, out RegistryHost result, out string error)
    {
        result = default;
        if (string.IsNullOrWhiteSpace(s))
        {
            error = "a registry host cannot be empty: give host[:port] such as 'registry.example.com:5000'";
            return false;
        }

        if (s.Contains("://", StringComparison.Ordinal) || s.Contains('/', StringComparison.Ordinal))
        {
            error = $"registry host '{s}' must be host[:port] without a scheme or path: use e.g. '{StripToAuthority(s)}'";
            return false;
        }

        if (!ReferenceGrammar.Domain().IsMatch(s))
        {
            error = $"registry host '{s}' is invalid: use host[:port] with letters, digits, '-' and '.', e.g. 'registry.example.com:5000'";
            return false;
        }

        var colon = s.LastIndexOf(':');
        if (colon > s.LastIndexOf(']')
            && (!int.TryParse(s.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535))
        {
            error = $"registry host '{s}' has an invalid port: use a number from 1 to 65535";
            return false;
        }

        var normalised = s.ToLowerInvariant();
        if (normalised == "index.docker.io")
        {
            normalised = ReferenceGrammar.DockerHubDomain;
        }

        result = new RegistryHost(normalised);
        error = string.Empty;
        return true;
    }

    /// <summary>The canonical <c>host[:port]</c>.</summary>
    public override string ToString() => Value;

    /// <inheritdoc />
    public bool Equals(RegistryHost other) => Value == other.Value;

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    private static string StripToAuthority(string s)
    {
        var start = s.IndexOf("://", StringComparison.Ordinal);
        var rest = start >= 0 ? s[(start + 3)..] : s;
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return slash >= 0 ? rest[..slash] : rest;
    }
}
