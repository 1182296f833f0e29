using Pipeline.Engine;
using Pipeline.Manifests;
using Pipeline.Registry;
using Pipeline.RegistryHosting;

namespace Pipeline.Components;

/// <summary>
/// DeployRegistry: a private registry on Kubernetes (registry:2, deletes enabled, htpasswd auth for
/// <c>--registry-username</c> / <c>REGISTRY_PASSWORD</c>, storage on a claim or a host path, readiness probe, Service,
/// and with <c>--ingress-host</c> an nginx Ingress with TLS). Rendered deterministically to
/// <c>artifacts/k8s/registry/&lt;name&gt;.yaml</c>; the htpasswd Secret is built in memory, applied, never written.
/// </summary>
public interface IDeployRegistry : IHazRegistryHosting
{
    /// <summary>Exposes the registry at <c>https://host</c> through an Ingress; cluster-internal without it.</summary>
    [Parameter("Expose the registry at https://HOST through an nginx Ingress (default: cluster-internal only)")]
    string? IngressHost => Parameter<string?>(null);

    /// <summary>The Secret holding the Ingress's TLS certificate.</summary>
    [Parameter("Secret holding the Ingress's TLS certificate (filled by cert-manager with --cluster-issuer)")]
    DnsLabel IngressTlsSecret => Parameter(DnsLabel.Parse("registry-tls"));

    /// <summary>The cert-manager ClusterIssuer that issues the Ingress's certificate.</summary>
    [Parameter("cert-manager ClusterIssuer for the Ingress's certificate, e.g. letsencrypt-prod")]
    DnsLabel? ClusterIssuer => Parameter<DnsLabel?>(null);

    /// <summary>Where DeployRegistry writes the registry's manifests.</summary>
    AbsolutePath RegistryManifestFile => RegistryManifestsDirectory / "registry.yaml";

    /// <summary>Renders the registry and deploys it when a cluster is configured.</summary>
    Target DeployRegistry => _ => _
        .Description("Render a private registry (htpasswd, storage, Service, Ingress) to artifacts/k8s/registry/ and deploy it")
        .Requires(() => RegistryUsername, () => RegistryPassword)
        .Validates(() => RegistrySettingsFromInputs())
        .Executes(async cancellationToken =>
        {
            // Every input is checked, and the cluster found, before anything is written.
            var settings = RegistrySettingsFromInputs();
            MaskCredentials(settings.User);
            var cluster = await ResolveClusterAsync(cancellationToken);

            var registry = RegistryDeploymentRenderer.Render(settings);
            var result = await WriteAndApplyAsync(registry, RegistryManifestFile, cluster, cancellationToken);
            Summary.Add("Registry manifests", RegistryManifestFile);
            if (result is null)
            {
                throw new TargetSkippedException($"{cluster.SkipReason}: {RegistryManifestFile} is the result");
            }

            Summary.Add("Registry rollout", result.ToString());
        });

    /// <summary>The settings the flags ask for; a bad value fails naming its flag.</summary>
    private RegistryDeploymentSettings RegistrySettingsFromInputs()
    {
        var storage = HostedRegistryStorage();
        var ingress = IngressHost is { Length: > 0 } host
            ? InputChecks.Check("--ingress-host", () => new RegistryIngressSettings(host) { TlsSecretName = IngressTlsSecret, ClusterIssuer = ClusterIssuer })
            : null;
        var user = new RegistryCredentials(RegistryUsername!, RegistryPassword, CredentialSource.Explicit("--registry-username and REGISTRY_PASSWORD"));
        return RegistryDeploymentSettings(InputChecks.Check("--registry-username", () => new RegistryDeploymentSettings(user, storage)
        {
            Namespace = RegistryNamespace,
            Image = RegistryImage,
            Ingress = ingress,
        }));
    }

    /// <summary>Settings hook: change the name, resources, or the typed Deployment (node selector, tolerations) without copying the target.</summary>
    RegistryDeploymentSettings RegistryDeploymentSettings(RegistryDeploymentSettings settings) => settings;
}
