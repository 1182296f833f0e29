using Microsoft.Extensions.Logging;
using Pipeline.Cluster;
using Pipeline.Engine;
using Pipeline.Manifests;
using Pipeline.Registry;
using Pipeline.RegistryHosting;

namespace Pipeline.Components;

/// <summary>
/// A registry hosted on Kubernetes (the private registry, a mirror): its namespace, image and storage, the folder
/// its manifests are written to, and how they reach the cluster (the same kubeconfig, context and rollout timeout as Deploy,
/// through the same apply and rollout code). Without a cluster the rendered files are the result.
/// </summary>
public interface IHazRegistryHosting : IHazRegistry, IHazCluster, IHazArtifacts
{
    /// <summary>The claim size when neither a size nor a host path is given.</summary>
    const string DefaultStorageSize = "20Gi";

    /// <summary>The namespace the hosted registry and the mirror run in.</summary>
    [Parameter("Namespace of the hosted registry and the mirror")]
    DnsLabel RegistryNamespace => Parameter(DnsLabel.Parse("registry"));

    /// <summary>The registry image the hosted registry and the mirror run (distribution 2.x).</summary>
    [Parameter("Image of the hosted registry and the mirror (distribution 2.x)")]
    ImageReference RegistryImage => Parameter(ImageReference.Parse("registry:2"));

    /// <summary>The claim's size; 20Gi unless given.</summary>
    [Parameter("Size of the PersistentVolumeClaim the hosted registry or mirror stores on, e.g. 50Gi (default 20Gi)")]
    string? StorageSize => Parameter<string?>(null);

    /// <summary>The claim's storage class; the cluster's default class unless given.</summary>
    [Parameter("Storage class of that PersistentVolumeClaim (default: the cluster's default class)")]
    string? StorageClass => Parameter<string?>(null);

    /// <summary>A node directory to store on instead of a claim (single-node clusters).</summary>
    [Parameter("Store on this node directory (hostPath) instead of a PersistentVolumeClaim, e.g. /srv/registry")]
    string? StorageHostPath => Parameter<string?>(null);

    /// <summary>Where the hosted registry's and the mirror's manifests are written.</summary>
    AbsolutePath RegistryManifestsDirectory => ArtifactsDirectory / "k8s" / "registry";

    /// <summary>The storage the flags ask for; a bad value fails naming its flag, before anything is written.</summary>
    RegistryStorage HostedRegistryStorage()
    {
        if (StorageHostPath is { Length: > 0 } hostPath)
        {
            if (StorageSize is not null || StorageClass is not null)
            {
                throw new ManifestException(
                    ManifestFailureKind.InvalidSetting,
                    "--storage-host-path stores on a node directory, so --storage-size and --storage-class do not apply: give one or the other");
            }

            return InputChecks.Check("--storage-host-path", () => RegistryStorage.HostPath(hostPath));
        }

        return InputChecks.Check(
            StorageSize is null ? "--storage-class" : "--storage-size",
            () => RegistryStorage.PersistentVolumeClaim(StorageSize ?? DefaultStorageSize, StorageClass));
    }

    /// <summary>
    /// Masks every form of the registry's secrets, writes its manifests (never a Secret) to <paramref name="file"/>,
    /// and, when <paramref name="cluster"/> is configured, applies them with the Secrets and waits for the rollout.
    /// Returns the rollout, or null when there is no cluster.
    /// </summary>
    async Task<ClusterDeploymentResult?> WriteAndApplyAsync(HostedRegistry registry, AbsolutePath file, ClusterResolution cluster, CancellationToken cancellationToken)
    {
        foreach (var secret in registry.SecretsToMask)
        {
            AddSecret(secret);
        }

        await registry.WriteAsync(file, cancellationToken);
        Log.LogInformation("Rendered {File}: {Registry}", file, registry);
        if (!cluster.IsConfigured)
        {
            return null;
        }

        Log.LogInformation("Deploying {Registry} to {Cluster}", registry, cluster);
        using var client = cluster.CreateClient();
        return await new ClusterDeployment(client, logger: Log).DeployAsync(
            new ManifestSet(registry.ApplyOrder),
            RolloutOptions,
            cancellationToken);
    }
}
