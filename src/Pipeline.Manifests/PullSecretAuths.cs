using System.Text;
using System.Text.Json;
using k8s.Models;
using Pipeline.Registry;

namespace Pipeline.Manifests;

/// <summary>
/// Reads the registry entries of a <c>kubernetes.io/dockerconfigjson</c> (or legacy <c>kubernetes.io/dockercfg</c>)
/// Secret and finds the one the kubelet would use for an image, matching keys as the kubelet does
/// (<c>host:port</c>, <c>https://host:port</c>, <c>http://host:port/v2/</c>, globs, Docker Hub).
/// </summary>
public sealed class PullSecretAuths
{
    private const string LegacyType = "kubernetes.io/dockercfg";
    private const string LegacyDataKey = ".dockercfg";
    private readonly KubeletKeyring<PullSecretEntry> _keyring;

    private PullSecretAuths(IReadOnlyList<PullSecretEntry> entries)
    {
        Entries = entries;
        _keyring = new KubeletKeyring<PullSecretEntry>(entries.Select(e => KeyValuePair.Create(e.Server, e)));
    }

    /// <summary>The entries as the Secret lists them.</summary>
    public IReadOnlyList<PullSecretEntry> Entries { get; }

    /// <summary>Reads <paramref name="secret"/>'s entries.</summary>
    /// <exception cref="ManifestException">The Secret has another type, no data, malformed JSON or an undecodable <c>auth</c>.</exception>
    public static PullSecretAuths Read(V1Secret secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var name = $"{secret.Metadata?.NamespaceProperty ?? "default"}/{secret.Metadata?.Name}";
        var legacy = secret.Type == LegacyType;
        if (secret.Type != PullSecret.SecretType && !legacy)
        {
            throw Invalid($"secret {name} has type '{secret.Type ?? "Opaque"}', not '{PullSecret.SecretType}': the kubelet ignores it "
                + "for image pulls. Recreate it with 'kubectl create secret docker-registry'");
        }

        var key = legacy ? LegacyDataKey : PullSecret.DataKey;
        var json = Data(secret, key) ?? throw Invalid(
            $"secret {name} has no '{key}' data: recreate it with 'kubectl create secret docker-registry'");
        try
        {
            using var document = JsonDocument.Parse(json);
            var auths = legacy ? document.RootElement : document.RootElement.TryGetProperty("auths", out var a) ? a : default;
            if (auths.ValueKind != JsonValueKind.Object)
            {
                throw Invalid($"secret {name}: '{key}' has no \"auths\" object: recreate it with 'kubectl create secret docker-registry'");
            }

            return new PullSecretAuths([.. auths.EnumerateObject().Select(server => Entry(server, name))]);
        }
        catch (JsonException e)
        {
            // The exception text could quote the secret, so only its position is reported.
            throw new ManifestException(
                ManifestFailureKind.InvalidPullSecret,
                $"secret {name}: '{key}' is not valid JSON (line {e.LineNumber + 1}): recreate it with 'kubectl create secret docker-registry'");
        }
    }

    /// <summary>The entry the kubelet would try first for <paramref name="image"/>, or null when none matches.</summary>
    public PullSecretEntry? FindFor(ImageReference image) => FindAllFor(image) is [var first, ..] ? first : null;

    /// <summary>The entry for any repository on <paramref name="registry"/>, or null when none matches.</summary>
    public PullSecretEntry? FindFor(RegistryHost registry) => _keyring.Lookup($"{registry}/") is [var first, ..] ? first : null;

    /// <summary>Every entry the kubelet would try for <paramref name="image"/>, most specific key first.</summary>
    public IReadOnlyList<PullSecretEntry> FindAllFor(ImageReference image) => _keyring.Lookup(image.Name);

    private static PullSecretEntry Entry(JsonProperty server, string secretName)
    {
        var where = $"secret {secretName}, entry '{server.Name}'";
        var username = Text(server.Value, "username");
        var password = Text(server.Value, "password");
        var auth = Text(server.Value, "auth");
        if (!string.IsNullOrEmpty(auth))
        {
            // Like the kubelet, 'auth' (base64 of user:password) wins over the separate fields.
            (username, password) = DecodeAuth(auth, where);
        }

        if (string.IsNullOrEmpty(username) || string.IsNullOrEmpty(password))
        {
            throw Invalid($"{where} has no user name and password: recreate the secret with both (kubectl create secret docker-registry --docker-username --docker-password)");
        }

        var source = new CredentialSource(CredentialSourceKind.DockerConfig, $"pull secret {secretName} entry '{server.Name}'");
        return new PullSecretEntry(server.Name, new RegistryCredentials(username, password, source), Text(server.Value, "email"));
    }

    private static (string User, string Password) DecodeAuth(string auth, string where)
    {
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(auth));
        }
        catch (FormatException)
        {
            throw Invalid($"{where}: 'auth' is not base64: recreate the secret with 'kubectl create secret docker-registry'");
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0
            ? (decoded[..colon], decoded[(colon + 1)..])
            : throw Invalid($"{where}: 'auth' does not decode to user:password: recreate the secret with 'kubectl create secret docker-registry'");
    }

    private static string? Text(JsonElement entry, string property) =>
        entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static byte[]? Data(V1Secret secret, string key) =>
        secret.Data is not null && secret.Data.TryGetValue(key, out var bytes) && bytes is { Length: > 0 } ? bytes
        : secret.StringData is not null && secret.StringData.TryGetValue(key, out var text) && !string.IsNullOrEmpty(text) ? Encoding.UTF8.GetBytes(text)
        : null;

    private static ManifestException Invalid(string message) => new(ManifestFailureKind.InvalidPullSecret, message);
}
