using k8s;
using k8s.Models;
using Pipeline.Manifests;

namespace Pipeline.RegistryHosting;

/// <summary>
/// The rendered objects of a hosted registry or mirror. <see cref="Manifests"/> is what goes in the YAML file
/// (deterministic: same settings, same bytes); <see cref="Secrets"/> (htpasswd, upstream credentials) are applied
/// but never written, because bcrypt salts are random and secrets belong in no committed file.
/// </summary>
public sealed class HostedRegistry
{
    internal HostedRegistry(IEnumerable<IKubernetesObject<V1ObjectMeta>> documents, IReadOnlyList<KeptSecret> secrets)
    {
        Manifests = new ManifestSet(documents);
        Secrets = [.. secrets.Select(secret => secret.Secret)];
        SecretsToMask = [.. secrets.SelectMany(secret => secret.SecretsToMask).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The objects written to the file, in apply order; no Secret among them.</summary>
    public ManifestSet Manifests { get; }

    /// <summary>The Secrets kept apart from the file; applied after the Namespace.</summary>
    public IReadOnlyList<V1Secret> Secrets { get; }

    /// <summary>Every string that would reveal a secret in a log (passwords, htpasswd lines, their base64 forms).</summary>
    public IReadOnlyList<string> SecretsToMask { get; }

    /// <summary>Everything to apply, in order: the Namespace, the Secrets, then the rest (Deployment last).</summary>
    public IReadOnlyList<IKubernetesObject<V1ObjectMeta>> ApplyOrder =>
    [
        .. Manifests.Documents.OfType<V1Namespace>(),
        .. Secrets,
        .. Manifests.Documents.Where(document => document is not V1Namespace),
    ];

    /// <summary>The registry's Deployment.</summary>
    public V1Deployment Deployment => Manifests.Deployments.Single();

    /// <summary>The ConfigMap holding the registry's <c>config.yml</c>.</summary>
    public V1ConfigMap ConfigMap => Manifests.Documents.OfType<V1ConfigMap>().Single();

    /// <summary>The registry's <c>config.yml</c> as rendered into <see cref="ConfigMap"/>.</summary>
    public string RegistryConfigYaml => ConfigMap.Data[RegistryContainerLayout.ConfigFileName];

    /// <summary>The YAML text of <see cref="Manifests"/> (no Secret).</summary>
    public string ToYaml() => ManifestWriter.ToYaml(Manifests);

    /// <summary>Writes <see cref="Manifests"/> (no Secret) to <paramref name="path"/>; returns the full path.</summary>
    public Task<string> WriteAsync(string path, CancellationToken cancellationToken) =>
        ManifestWriter.WriteAsync(Manifests, path, cancellationToken);

    /// <summary>Names the Deployment and the Secrets kept apart, never their content.</summary>
    public override string ToString() =>
        $"hosted registry {Deployment.Metadata.NamespaceProperty}/{Deployment.Metadata.Name} ({Manifests.Documents.Count} objects in the file, "
        + (Secrets.Count == 0 ? "no Secret)" : $"{Secrets.Count} Secret(s) kept apart: {string.Join(", ", Secrets.Select(secret => secret.Metadata.Name))})");
}
