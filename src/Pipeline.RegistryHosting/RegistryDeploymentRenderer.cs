using k8s;
using k8s.Models;
using Pipeline.Registry.Local;

namespace Pipeline.RegistryHosting;

/// <summary>
/// Renders a private registry for Kubernetes from <see cref="RegistryDeploymentSettings"/>: Namespace, htpasswd
/// Secret (kept apart), claim, ConfigMap with <c>config.yml</c>, Deployment, Service and, with a host, an Ingress.
/// </summary>
public static class RegistryDeploymentRenderer
{
    private const string Component = "registry";

    /// <summary>Renders the registry; the htpasswd Secret gets a fresh bcrypt salt on each call and is never in the file.</summary>
    public static HostedRegistry Render(RegistryDeploymentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var htpasswdSecretName = $"{settings.Name}-htpasswd";
        var workload = new RegistryWorkload(
            settings.Name, settings.Namespace, Component, settings.Image, settings.Resources, settings.Storage, ConfigYaml())
        {
            HtpasswdSecretName = htpasswdSecretName,
        };
        var htpasswd = RegistrySecrets.Htpasswd(htpasswdSecretName, settings.Namespace.Value, workload.Labels, settings.User);
        var deployment = RegistryDeploymentObject.Build(workload);
        settings.ConfigureDeployment?.Invoke(deployment);

        var documents = new List<IKubernetesObject<V1ObjectMeta>> { RegistryObjects.Namespace(workload) };
        if (RegistryObjects.Claim(workload) is { } claim)
        {
            documents.Add(claim);
        }

        documents.Add(RegistryObjects.ConfigMap(workload));
        documents.Add(RegistryObjects.Service(workload));
        if (settings.Ingress is { } ingress)
        {
            documents.Add(RegistryIngressObject.Build(workload, ingress));
        }

        documents.Add(deployment);
        return new HostedRegistry(documents, [htpasswd]);
    }

    // The same code writes the config our tests run the real registry with; only the container paths differ.
    private static string ConfigYaml() => new RegistryServerConfiguration
    {
        ListenAddress = $":{RegistryContainerLayout.Port}",
        StorageDirectory = RegistryContainerLayout.StorageDirectory,
        DeleteEnabled = true,
        PurgeAbandonedUploads = true,
        HtpasswdPath = RegistryContainerLayout.HtpasswdPath,
    }.ToYaml().ReplaceLineEndings("\n");
}
