using k8s;
using k8s.Models;
using Pipeline.Manifests;
using Pipeline.Registry.Local;

namespace Pipeline.RegistryHosting;

/// <summary>
/// Renders a pull-through cache: the registry in proxy mode on Kubernetes (Namespace, upstream-credentials Secret
/// kept apart, claim, ConfigMap, Deployment, Service), and the containerd / Docker Engine files that send nodes'
/// pulls through it.
/// </summary>
public static class RegistryMirrorRenderer
{
    private const string Component = "registry-mirror";
    private const string PemCertificateHeader = "-----BEGIN CERTIFICATE-----";

    /// <summary>Renders the cluster side. Upstream credentials go to a Secret read through environment variables, never to the file.</summary>
    public static HostedRegistry Render(RegistryMirrorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var upstreamSecretName = settings.UpstreamCredentials is null ? null : $"{settings.Name}-upstream";
        var workload = new RegistryWorkload(
            settings.Name, settings.Namespace, Component, settings.Image, settings.Resources, settings.Storage, ConfigYaml(settings))
        {
            UpstreamSecretName = upstreamSecretName,
            NodePort = settings.NodePort,
        };
        var deployment = RegistryDeploymentObject.Build(workload);
        settings.ConfigureDeployment?.Invoke(deployment);

        var documents = new List<IKubernetesObject<V1ObjectMeta>> { RegistryObjects.Namespace(workload) };
        if (RegistryObjects.Claim(workload) is { } claim)
        {
            documents.Add(claim);
        }

        documents.Add(RegistryObjects.ConfigMap(workload));
        documents.Add(RegistryObjects.Service(workload));
        documents.Add(deployment);
        KeptSecret[] secrets = settings.UpstreamCredentials is { } credentials
            ? [RegistrySecrets.UpstreamCredentials(upstreamSecretName!, settings.Namespace.Value, workload.Labels, credentials)]
            : [];
        return new HostedRegistry(documents, secrets);
    }

    /// <summary>Renders containerd's hosts.toml (and CA), and for a Docker Hub upstream Docker Engine's daemon.json fragment (and CA).</summary>
    /// <exception cref="ManifestException">TLS options on a plain-HTTP mirror, or a CA that is not PEM.</exception>
    public static MirrorNodeConfiguration RenderNodeConfiguration(RegistryMirrorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ValidateTls(settings);
        var caPem = settings.MirrorCaCertificatePem?.ReplaceLineEndings("\n").TrimEnd('\n') + "\n";
        var hostDirectory = ContainerdHostsToml.HostDirectory(settings);
        var containerdReload = "none for hosts.toml (containerd reads it on every pull); once, if config.toml lacks config_path = \""
            + ContainerdHostsToml.CertsDirectory + "\" in [plugins.\"io.containerd.grpc.v1.cri\".registry] (containerd 1.x) or "
            + "[plugins.\"io.containerd.cri.v1.images\".registry] (2.x): add it, then sudo systemctl restart containerd";
        var dockerReload = "sudo systemctl reload docker (SIGHUP: registry-mirrors and insecure-registries reload without stopping containers)";

        var files = new List<NodeConfigurationFile>
        {
            new($"containerd/certs.d/{settings.UpstreamRegistry}/hosts.toml", $"{hostDirectory}/hosts.toml",
                ContainerdHostsToml.Render(settings), NodeRuntime.Containerd, "copy (sudo install -D -m 0644 FILE NODE_PATH)", containerdReload),
        };
        if (settings.MirrorCaCertificatePem is not null)
        {
            files.Add(new($"containerd/certs.d/{settings.UpstreamRegistry}/{ContainerdHostsToml.CaFileName}",
                $"{hostDirectory}/{ContainerdHostsToml.CaFileName}", caPem, NodeRuntime.Containerd,
                "copy beside hosts.toml, which names it as ca", containerdReload));
        }

        if (settings.UpstreamRegistry.IsDockerHub)
        {
            files.Add(new("docker/daemon.json", DockerDaemonMirrorJson.DaemonJsonPath, DockerDaemonMirrorJson.Render(settings), NodeRuntime.DockerEngine,
                "merge these keys into the existing file (keep its other keys; create it when missing)", dockerReload));
            if (settings.MirrorCaCertificatePem is not null)
            {
                var authority = settings.MirrorEndpoint.Authority;
                files.Add(new($"docker/certs.d/{authority}/ca.crt", $"{DockerDaemonMirrorJson.CertsDirectory}/{authority}/ca.crt", caPem,
                    NodeRuntime.DockerEngine, "copy (Docker trusts certs.d/HOST:PORT/ca.crt for that registry)", "none: read on the next pull"));
            }
        }

        return new MirrorNodeConfiguration(settings, files);
    }

    private static void ValidateTls(RegistryMirrorSettings settings)
    {
        if (settings.MirrorIsPlainHttp && (settings.SkipTlsVerify || settings.MirrorCaCertificatePem is not null))
        {
            throw new ManifestException(
                ManifestFailureKind.InvalidSetting,
                $"mirror endpoint '{ContainerdHostsToml.Root(settings.MirrorEndpoint)}' is plain HTTP, so SkipTlsVerify and MirrorCaCertificatePem "
                + "do not apply: serve the mirror over https:// or leave both unset");
        }

        if (settings.MirrorCaCertificatePem is { } pem && !pem.TrimStart().StartsWith(PemCertificateHeader, StringComparison.Ordinal))
        {
            throw new ManifestException(
                ManifestFailureKind.InvalidSetting,
                $"MirrorCaCertificatePem does not start with '{PemCertificateHeader}': pass the CA certificate's PEM text, not a path or a DER file");
        }
    }

    // The same code writes the config our tests run the real registry with; only the container paths differ.
    private static string ConfigYaml(RegistryMirrorSettings settings) => new RegistryServerConfiguration
    {
        ListenAddress = $":{RegistryContainerLayout.Port}",
        StorageDirectory = RegistryContainerLayout.StorageDirectory,
        // Expiring cached content deletes through the storage, which refuses deletes unless they are enabled.
        DeleteEnabled = true,
        PurgeAbandonedUploads = true,
        ProxyRemoteUrl = settings.Upstream,
    }.ToYaml().ReplaceLineEndings("\n");
}
