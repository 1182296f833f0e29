using System.Security.Cryptography;

namespace Pipeline.Testing.Registries;

/// <summary>What kind of registry <see cref="RegistryServer.StartAsync"/> runs.</summary>
public sealed record RegistryServerOptions
{
    /// <summary>No auth, htpasswd (Basic) or token (Bearer).</summary>
    public RegistryAuthMode Auth { get; init; }

    /// <summary>Serve HTTPS with a certificate from a test CA (<see cref="RegistryServer.CaCertificatePath"/>).</summary>
    public bool Tls { get; init; }

    /// <summary>Allow manifest deletes (<c>storage.delete.enabled</c>).</summary>
    public bool DeleteEnabled { get; init; } = true;

    /// <summary>The one user the registry knows (auth modes only).</summary>
    public string Username { get; init; } = "tester";

    /// <summary>That user's password; random for each options instance.</summary>
    public string Password { get; init; } = "pw-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    /// <summary>
    /// Token mode: the actions the issuer grants the user (requested ∩ granted), e.g. only <c>pull</c> to test
    /// a denied push. Everything by default.
    /// </summary>
    public IReadOnlyList<string> GrantedActions { get; init; } = ["pull", "push", "delete", "*"];

    /// <summary>Run as a pull-through cache of this (loopback) registry.</summary>
    public Uri? ProxyRemoteUrl { get; init; }

    /// <summary>The registry binary; Debian's docker-registry by default.</summary>
    public string BinaryPath { get; init; } = "/usr/bin/docker-registry";

    /// <summary>How long to wait for <c>/v2/</c> to answer.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Describes the options without the password.</summary>
    public override string ToString() => $"RegistryServerOptions {{ Auth = {Auth}, Tls = {Tls}, DeleteEnabled = {DeleteEnabled}, Username = {Username} }}";
}
