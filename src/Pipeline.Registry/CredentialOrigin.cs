using System.Net;

namespace Pipeline.Registry;

/// <summary>
/// The origin (RFC 6454: scheme, host, port) a secret is bound to. A registry login, a NuGet key or a GitHub
/// token goes only to the origin it was given for; a URL that a server hands back (a redirect, an upload
/// <c>Location</c>, a <c>Link</c> page, a publish URL) gets it only when it has the same origin.
/// </summary>
public readonly record struct CredentialOrigin
{
    private CredentialOrigin(string scheme, string host, int port)
    {
        Scheme = scheme;
        Host = host;
        Port = port;
    }

    /// <summary>Lower-case scheme (<c>https</c>, <c>http</c>).</summary>
    public string Scheme { get; }

    /// <summary>Lower-case host name or address (IPv6 without brackets).</summary>
    public string Host { get; }

    /// <summary>The port, the scheme's default when the URL names none.</summary>
    public int Port { get; }

    /// <summary>True for <c>https</c>: a secret sent there is not readable on the wire.</summary>
    public bool IsHttps => Scheme == Uri.UriSchemeHttps;

    /// <summary>True for <c>localhost</c>, <c>*.localhost</c>, 127.0.0.0/8 and ::1: traffic that never leaves the machine.</summary>
    public bool IsLoopback => IsLoopbackHost(Host);

    /// <summary>The origin of an absolute URL.</summary>
    public static CredentialOrigin Of(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri)
        {
            throw new ArgumentException($"'{uri}' is not an absolute URL, so it has no origin", nameof(uri));
        }

        return new CredentialOrigin(uri.Scheme.ToLowerInvariant(), uri.IdnHost.Trim('[', ']').ToLowerInvariant(), uri.Port);
    }

    /// <summary>True when <paramref name="uri"/> is absolute and has this origin.</summary>
    public bool Contains(Uri uri) => uri.IsAbsoluteUri && Of(uri) == this;

    /// <summary>True for <c>localhost</c>, <c>*.localhost</c>, 127.0.0.0/8 and ::1 (brackets allowed).</summary>
    public static bool IsLoopbackHost(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var bare = host.Trim('[', ']').ToLowerInvariant();
        return bare == "localhost"
            || bare.EndsWith(".localhost", StringComparison.Ordinal)
            || (IPAddress.TryParse(bare, out var address) && IPAddress.IsLoopback(address));
    }

    /// <summary><c>scheme://host:port</c>.</summary>
    public override string ToString() => Host.Contains(':', StringComparison.Ordinal) ? $"{Scheme}://[{Host}]:{Port}" : $"{Scheme}://{Host}:{Port}";
}
