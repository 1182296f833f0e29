using k8s.Models;

namespace Pipeline.RegistryHosting;

/// <summary>The Deployment that runs <c>registry serve /etc/docker/registry/config.yml</c> with its config, auth and storage mounted.</summary>
internal static class RegistryDeploymentObject
{
    private const string ConfigVolume = "config";
    private const string AuthVolume = "auth";
    private const string DataVolume = "data";

    public static V1Deployment Build(RegistryWorkload workload) => new()
    {
        ApiVersion = "apps/v1",
        Kind = "Deployment",
        Metadata = RegistryObjects.Metadata(workload, workload.Name.Value),
        Spec = new V1DeploymentSpec
        {
            // Filesystem storage belongs to one registry process: two replicas on one volume would race on uploads
            // and garbage collection, and a ReadWriteOnce claim cannot be mounted on two nodes anyway.
            Replicas = 1,
            // Recreate, not RollingUpdate: the new pod would wait forever for the claim the old pod still holds.
            Strategy = new V1DeploymentStrategy { Type = "Recreate" },
            Selector = new V1LabelSelector { MatchLabels = workload.Selector },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta
                {
                    Labels = workload.Labels,
                    Annotations = new SortedDictionary<string, string>(StringComparer.Ordinal)
                    {
                        // A ConfigMap change does not restart pods, and the registry reads its config once: roll on change.
                        [RegistryContainerLayout.ConfigHashAnnotation] = RegistryObjects.Sha256Hex(workload.ConfigYaml),
                    },
                },
                Spec = new V1PodSpec
                {
                    Containers = [Container(workload)],
                    Volumes = Volumes(workload),
                },
            },
        },
    };

    private static V1Container Container(RegistryWorkload workload) => new()
    {
        Name = RegistryContainerLayout.ContainerName,
        Image = workload.Image.ToFamiliarString(),
        Ports = [new V1ContainerPort { Name = RegistryContainerLayout.PortName, ContainerPort = RegistryContainerLayout.Port, Protocol = "TCP" }],
        Env = workload.UpstreamSecretName is { } upstream
            ?
            [
                SecretVariable(RegistryContainerLayout.ProxyUsernameVariable, upstream, RegistrySecrets.UsernameKey),
                SecretVariable(RegistryContainerLayout.ProxyPasswordVariable, upstream, RegistrySecrets.PasswordKey),
            ]
            : null,
        // GET / answers 200 without credentials (checked against registry 2.8.2), while /v2/ answers 401 once
        // htpasswd is on, and the kubelet counts only 2xx/3xx as ready: probing /v2/ would keep the pod unready
        // forever. "/" still proves the HTTP server runs, which a bare TCP check would not.
        ReadinessProbe = new V1Probe
        {
            HttpGet = new V1HTTPGetAction { Path = "/", Port = RegistryContainerLayout.Port },
            PeriodSeconds = 5,
        },
        Resources = workload.Resources.ToModel(),
        VolumeMounts = Mounts(workload),
    };

    private static List<V1VolumeMount> Mounts(RegistryWorkload workload)
    {
        var mounts = new List<V1VolumeMount>
        {
            new() { Name = ConfigVolume, MountPath = RegistryContainerLayout.ConfigDirectory, ReadOnlyProperty = true },
        };
        if (workload.HtpasswdSecretName is not null)
        {
            mounts.Add(new V1VolumeMount { Name = AuthVolume, MountPath = RegistryContainerLayout.HtpasswdDirectory, ReadOnlyProperty = true });
        }

        mounts.Add(new V1VolumeMount { Name = DataVolume, MountPath = RegistryContainerLayout.StorageDirectory });
        return mounts;
    }

    private static List<V1Volume> Volumes(RegistryWorkload workload)
    {
        var volumes = new List<V1Volume>
        {
            new()
            {
                Name = ConfigVolume,
                ConfigMap = new V1ConfigMapVolumeSource
                {
                    Name = workload.ConfigMapName,
                    Items = [new V1KeyToPath { Key = RegistryContainerLayout.ConfigFileName, Path = RegistryContainerLayout.ConfigFileName }],
                },
            },
        };
        if (workload.HtpasswdSecretName is { } htpasswd)
        {
            volumes.Add(new V1Volume
            {
                Name = AuthVolume,
                Secret = new V1SecretVolumeSource
                {
                    SecretName = htpasswd,
                    Items = [new V1KeyToPath { Key = RegistryContainerLayout.HtpasswdFileName, Path = RegistryContainerLayout.HtpasswdFileName }],
                },
            });
        }

        volumes.Add(workload.Storage.Kind == RegistryStorageKind.HostPath
            ? new V1Volume { Name = DataVolume, HostPath = new V1HostPathVolumeSource { Path = workload.Storage.Path, Type = "DirectoryOrCreate" } }
            : new V1Volume { Name = DataVolume, PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = workload.ClaimName } });
        return volumes;
    }

    private static V1EnvVar SecretVariable(string name, string secretName, string key) => new()
    {
        Name = name,
        ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = secretName, Key = key } },
    };
}
