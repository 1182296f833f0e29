using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using k8s.Models;
using Pipeline.Registry;
using Pipeline.Registry.Local;

namespace Pipeline.RegistryHosting;

/// <summary>
/// Builds the Secrets a hosted registry needs, in memory only: the htpasswd file its users log in against, and a
/// mirror's upstream credentials. Each comes with every form of its secret a log could show.
/// </summary>
internal static class RegistrySecrets
{
    public const string UsernameKey = "username";
    public const string PasswordKey = "password";

    private static readonly JsonSerializerOptions MinimalEscaping = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>An Opaque Secret holding <c>htpasswd</c> with one bcrypt line for <paramref name="user"/> (a fresh salt each call).</summary>
    public static KeptSecret Htpasswd(string name, string @namespace, IDictionary<string, string> labels, RegistryCredentials user)
    {
        var entry = HtpasswdEntry.Create(user.Username!, user.Password!);
        var file = Encoding.UTF8.GetBytes(entry + "\n");
        var secret = Opaque(name, @namespace, labels, new SortedDictionary<string, byte[]>(StringComparer.Ordinal)
        {
            [RegistryContainerLayout.HtpasswdFileName] = file,
        });
        // A bcrypt hash is not the password, but a leaked hash invites offline guessing: hide it too.
        return new KeptSecret(secret, [.. PasswordForms(user.Password!), entry.Hash, entry.ToString(), Convert.ToBase64String(file)]);
    }

    /// <summary>An Opaque Secret with <c>username</c> and <c>password</c> for a mirror's upstream registry.</summary>
    public static KeptSecret UpstreamCredentials(string name, string @namespace, IDictionary<string, string> labels, RegistryCredentials upstream)
    {
        var secret = Opaque(name, @namespace, labels, new SortedDictionary<string, byte[]>(StringComparer.Ordinal)
        {
            [PasswordKey] = Encoding.UTF8.GetBytes(upstream.Password!),
            [UsernameKey] = Encoding.UTF8.GetBytes(upstream.Username!),
        });
        return new KeptSecret(secret, PasswordForms(upstream.Password!));
    }

    // The password, as JSON writers escape it (strictly, \u0022, or minimally, \"), and as a Secret's data shows it.
    private static string[] PasswordForms(string password) =>
    [
        password,
        JsonSerializer.Serialize(password)[1..^1],
        JsonSerializer.Serialize(password, MinimalEscaping)[1..^1],
        Convert.ToBase64String(Encoding.UTF8.GetBytes(password)),
    ];

    private static V1Secret Opaque(string name, string @namespace, IDictionary<string, string> labels, IDictionary<string, byte[]> data) => new()
    {
        ApiVersion = "v1",
        Kind = "Secret",
        Type = "Opaque",
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = @namespace,
            Labels = new SortedDictionary<string, string>(labels, StringComparer.Ordinal),
        },
        Data = data,
    };
}
