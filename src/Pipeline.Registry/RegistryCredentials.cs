using System.Text;

namespace Pipeline.Registry;

/// <summary>
/// Credentials for one registry: a user name with a password, or an identity token (an OAuth refresh token
/// that Docker stores after <c>docker login</c> to some registries). <see cref="ToString"/> never shows a secret;
/// <see cref="Secrets"/> lists every form of them a logger must mask.
/// </summary>
public sealed class RegistryCredentials
{
    /// <summary>Creates credentials for <paramref name="username"/>.</summary>
    /// <param name="username">The user name (not secret).</param>
    /// <param name="password">The password or access token.</param>
    /// <param name="source">Where they came from, for diagnostics.</param>
    /// <param name="identityToken">An OAuth refresh token to exchange at the token endpoint, if any.</param>
    public RegistryCredentials(string username, string? password, CredentialSource source, string? identityToken = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(username);
        if (string.IsNullOrEmpty(password) && string.IsNullOrEmpty(identityToken))
        {
            throw new ArgumentException($"credentials for user '{username}' need a password or an identity token", nameof(password));
        }

        Username = username;
        Password = string.IsNullOrEmpty(password) ? null : password;
        IdentityToken = string.IsNullOrEmpty(identityToken) ? null : identityToken;
        Source = source;
    }

    private RegistryCredentials()
    {
        Source = CredentialSource.Anonymous;
    }

    /// <summary>No credentials: requests go out anonymously.</summary>
    public static RegistryCredentials Anonymous { get; } = new();

    /// <summary>The user name, or null when anonymous.</summary>
    public string? Username { get; }

    /// <summary>The password, or null when anonymous or when only an identity token is known.</summary>
    public string? Password { get; }

    /// <summary>An OAuth refresh token (docker config <c>identitytoken</c>), if any.</summary>
    public string? IdentityToken { get; }

    /// <summary>Where the credentials came from.</summary>
    public CredentialSource Source { get; }

    /// <summary>True when there is nothing to authenticate with.</summary>
    public bool IsAnonymous => Username is null;

    /// <summary>
    /// Every string that would reveal the secret in a log: the password, <c>user:password</c> and its base64 (a
    /// Basic header or docker config <c>auth</c>), and the identity token.
    /// </summary>
    public IReadOnlyList<string> Secrets
    {
        get
        {
            var secrets = new List<string>(4);
            if (Password is not null)
            {
                secrets.Add(Password);
                secrets.Add($"{Username}:{Password}");
                secrets.Add(BasicParameter);
            }

            if (IdentityToken is not null)
            {
                secrets.Add(IdentityToken);
            }

            return secrets;
        }
    }

    /// <summary>The base64 <c>user:password</c> used by HTTP Basic auth.</summary>
    internal string BasicParameter => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{Password}"));

    /// <summary>Describes the user and the source, never the secret.</summary>
    public override string ToString() => IsAnonymous
        ? "anonymous"
        : $"user {Username} ({(Password is not null ? "password" : "identity token")} from {Source})";
}
