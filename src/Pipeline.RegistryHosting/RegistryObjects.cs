using System.Security.Cryptography;
using System.Text;
using k8s.Models;

namespace Pipeline.RegistryHosting;

/// <summary>
/// Builds the Namespace, ConfigMap, claim and Service of a hosted registry or mirror. Every map is sorted, so the
/// same workload gives the same YAML bytes.
/// </summary>
internal static class RegistryObjects
{
    public static V1Namespace Namespace(RegistryWorkload workload) => new()
    {
        ApiVersion = "v1",
        Kind = "Namespace",
        // No labels: the namespace may be shared with other tools.
        Metadata = new V1ObjectMeta { Name = workload.Namespace.Value },
    };

    public static V1ConfigMap ConfigMap(RegistryWorkload workload) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = Metadata(workload, workload.ConfigMapName),
        Data = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [RegistryContainerLayout.ConfigFileName] = workload.ConfigYaml,
        },
    };

    /// <summary>The claim, or null when the workload stores on a hostPath.</summary>
    public static V1PersistentVolumeClaim? Claim(RegistryWorkload workload) => workload.Storage.Kind != RegistryStorageKind.PersistentVolumeClaim
        ? null
        : new V1PersistentVolumeClaim
        {
            ApiVersion = "v1",
            Kind = "PersistentVolumeClaim",
            Metadata = Metadata(workload, workload.ClaimName),
            Spec = new V1PersistentVolumeClaimSpec
            {
                AccessModes = ["ReadWriteOnce"],
                StorageClassName = workload.Storage.StorageClassName,
                Resources = new V1VolumeResourceRequirements
                {
                    Requests = new SortedDictionary<string, ResourceQuantity>(StringComparer.Ordinal)
                    {
                        ["storage"] = new(workload.Storage.Size),
                    },
                },
            },
        };

    public static V1Service Service(RegistryWorkload workload) => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = Metadata(workload, workload.Name.Value),
        Spec = new V1ServiceSpec
        {
            Type = workload.NodePort is null ? "ClusterIP" : "NodePort",
            Selector = workload.Selector,
            Ports =
            [
                new V1ServicePort
                {
                    Name = RegistryContainerLayout.PortName,
                    Port = RegistryContainerLayout.Port,
                    TargetPort = RegistryContainerLayout.Port,
                    NodePort = workload.NodePort,
                    Protocol = "TCP",
                },
            ],
        },
    };

    public static V1ObjectMeta Metadata(RegistryWorkload workload, string name) => new()
    {
        Name = name,
        NamespaceProperty = workload.Namespace.Value,
        Labels = workload.Labels,
    };

    public static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
