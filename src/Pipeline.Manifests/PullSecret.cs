using System.Text;
using k8s;
using k8s.Models;
using Pipeline.Registry;

namespace Pipeline.Manifests;

/// <summary>
/// The <c>kubernetes.io/dockerconfigjson</c> Secret pods pull the image with, built in memory exactly as
/// <c>kubectl create secret docker-registry NAME --docker-server=… --docker-username=… --docker-password=…
/// [--docker-email=…]</c> builds it. It reaches disk only through <see cref="WriteAsync"/> with a path the caller
/// chose, and <see cref="ToString"/> never shows the password; <see cref="SecretsToMask"/> lists what a logger must hide.
/// </summary>
public sealed class PullSecret
{
    /// <summary>The data key of a <c>kubernetes.io/dockerconfigjson</c> Secret.</summary>
    public const string DataKey = ".dockerconfigjson";

    /// <summary>The Secret type the kubelet reads pull credentials from.</summary>
    public const string SecretType = "kubernetes.io/dockerconfigjson";

    /// <summary>The server key Docker (and kubectl's default) use for Docker Hub.</summary>
    public const string DockerHubServer = "https://index.docker.io/v1/";

    private readonly string _password;

    /// <summary>Creates the pull Secret <paramref name="name"/> in <paramref name="namespace"/> for <paramref name="registry"/>.</summary>
    /// <exception cref="ManifestException">The credentials are anonymous, only an identity token, or the user name holds ':'.</exception>
    public PullSecret(DnsLabel name, DnsLabel @namespace, RegistryHost registry, RegistryCredentials credentials, string? email = null)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        if (credentials.IsAnonymous || credentials.Password is null)
        {
            throw new ManifestException(
                ManifestFailureKind.UnusableCredentials,
                $"cannot build pull secret '{name}' for {registry} from {credentials}: the kubelet needs a user name and a "
                + "password (or access token); identity tokens are not accepted. Pass a password for the registry, or skip "
                + "the pull secret if the registry allows anonymous pulls");
        }

        if (credentials.Username!.Contains(':', StringComparison.Ordinal))
        {
            throw new ManifestException(
                ManifestFailureKind.UnusableCredentials,
                $"cannot build pull secret '{name}' for {registry}: user name '{credentials.Username}' contains ':', which the "
                + "kubelet reads as the end of the user name in 'auth'. Use a user name without ':'");
        }

        Name = name;
        Namespace = @namespace;
        Registry = registry;
        Username = credentials.Username;
        Email = string.IsNullOrEmpty(email) ? null : email;
        CredentialSource = credentials.Source;
        _password = credentials.Password;
    }

    /// <summary>The Secret's name, e.g. <c>regcred</c>.</summary>
    public DnsLabel Name { get; }

    /// <summary>The namespace the Secret lives in (the pods' namespace).</summary>
    public DnsLabel Namespace { get; }

    /// <summary>The registry the credentials are for.</summary>
    public RegistryHost Registry { get; }

    /// <summary>The <c>auths</c> key: <c>host[:port]</c>, or <see cref="DockerHubServer"/> for Docker Hub.</summary>
    public string Server => Registry.IsDockerHub ? DockerHubServer : Registry.Value;

    /// <summary>The registry user name (not secret).</summary>
    public string Username { get; }

    /// <summary>The optional e-mail kubectl's <c>--docker-email</c> records.</summary>
    public string? Email { get; }

    /// <summary>Where the credentials came from, for diagnostics.</summary>
    public CredentialSource CredentialSource { get; }

    /// <summary>
    /// Every string that would reveal the password in a log: the password (and its JSON-escaped form), the base64
    /// <c>user:password</c> of the <c>auth</c> field, and the base64 of the whole <c>.dockerconfigjson</c>.
    /// </summary>
    public IReadOnlyList<string> SecretsToMask
    {
        get
        {
            using var quoted = new MemoryStream();
            GoJsonString.Write(quoted, _password);
            var escaped = Encoding.UTF8.GetString(quoted.ToArray())[1..^1];
            return [.. new[] { _password, escaped, Auth, Convert.ToBase64String(DockerConfigJson()) }.Distinct(StringComparer.Ordinal)];
        }
    }

    private string Auth => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{_password}"));

    /// <summary>The Secret as a model, with <c>.dockerconfigjson</c> in <c>data</c>. Built fresh on each call.</summary>
    public V1Secret ToV1Secret() => ToV1Secret(Namespace);

    /// <summary>
    /// The same Secret in <paramref name="namespace"/>: pods read pull secrets from their own namespace only, so a
    /// release whose services run in several namespaces needs one copy in each.
    /// </summary>
    public V1Secret ToV1Secret(DnsLabel @namespace) => new()
    {
        ApiVersion = "v1",
        Kind = "Secret",
        Type = SecretType,
        Metadata = new V1ObjectMeta
        {
            Name = Name.Value,
            NamespaceProperty = @namespace.Value,
            Labels = new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                [ManifestLabels.ManagedBy] = ManifestLabels.ManagedByValue,
            },
        },
        Data = new Dictionary<string, byte[]> { [DataKey] = DockerConfigJson() },
    };

    /// <summary>
    /// The <c>.dockerconfigjson</c> bytes: <c>{"auths":{"server":{"username","password","email","auth"}}}</c> in
    /// kubectl's field order, <c>email</c> omitted when empty as kubectl omits it.
    /// </summary>
    public byte[] DockerConfigJson()
    {
        // Written by hand rather than with Utf8JsonWriter, whose escaping differs from Go's (kubectl's) in bytes.
        using var buffer = new MemoryStream();
        Write("{");
        GoJsonString.Write(buffer, "auths");
        Write(":{");
        GoJsonString.Write(buffer, Server);
        Write(":{");
        Field("username", Username);
        Write(",");
        Field("password", _password);
        if (Email is not null)
        {
            Write(",");
            Field("email", Email);
        }

        Write(",");
        Field("auth", Auth);
        Write("}}}");
        return buffer.ToArray();

        void Write(string punctuation) => buffer.Write(Encoding.ASCII.GetBytes(punctuation));

        void Field(string name, string value)
        {
            GoJsonString.Write(buffer, name);
            Write(":");
            GoJsonString.Write(buffer, value);
        }
    }

    /// <summary>
    /// Writes the Secret as YAML to <paramref name="path"/>, only because the caller asked: the file is created with
    /// mode 0600 (owner read/write) before any byte is written, then moved into place, so it is never readable by
    /// others, not even briefly. Returns the full path. On Windows the directory's ACLs apply.
    /// </summary>
    public async Task<string> WriteAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            await using (var stream = new FileStream(temporary, options))
            {
                var yaml = KubernetesYaml.Serialize(ToV1Secret()).ReplaceLineEndings("\n");
                await stream.WriteAsync(new UTF8Encoding(false).GetBytes(yaml), cancellationToken);
            }

            // A rename replaces the target with our 0600 file; writing into an existing file would keep its old mode.
            File.Move(temporary, fullPath, overwrite: true);
            return fullPath;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Names the Secret, registry, user and credential source; never the password.</summary>
    public override string ToString() =>
        $"pull secret {Namespace}/{Name} for {Server} (user {Username}, password from {CredentialSource})";
}
