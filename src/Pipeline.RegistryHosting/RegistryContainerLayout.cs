namespace Pipeline.RegistryHosting;

/// <summary>
/// Where things live inside the <c>registry:2</c> container: the image reads <c>/etc/docker/registry/config.yml</c>
/// and serves on 5000. Rendered config, mounts and probes all use these, so they cannot drift apart.
/// </summary>
internal static class RegistryContainerLayout
{
    public const int Port = 5000;
    public const string PortName = "registry";
    public const string ContainerName = "registry";

    public const string ConfigDirectory = "/etc/docker/registry";
    public const string ConfigFileName = "config.yml";

    public const string StorageDirectory = "/var/lib/registry";

    public const string HtpasswdDirectory = "/auth";
    public const string HtpasswdFileName = "htpasswd";
    public const string HtpasswdPath = HtpasswdDirectory + "/" + HtpasswdFileName;

    /// <summary>The registry reads <c>REGISTRY_SECTION_KEY</c> variables over its config file: how proxy credentials stay out of the ConfigMap.</summary>
    public const string ProxyUsernameVariable = "REGISTRY_PROXY_USERNAME";

    /// <summary>See <see cref="ProxyUsernameVariable"/>.</summary>
    public const string ProxyPasswordVariable = "REGISTRY_PROXY_PASSWORD";

    /// <summary>Pod template annotation: the config's SHA-256, so a changed config rolls the pod (ConfigMaps do not).</summary>
    public const string ConfigHashAnnotation = "pipeline.io/registry-config-sha256";

    /// <summary>The <c>app.kubernetes.io/component</c> label key.</summary>
    public const string ComponentLabel = "app.kubernetes.io/component";
}
