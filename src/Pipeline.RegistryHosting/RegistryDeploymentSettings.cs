using k8s.Models;
using Pipeline.Manifests;
using Pipeline.Registry;

namespace Pipeline.RegistryHosting;

/// <summary>
/// A private registry on Kubernetes: one user (htpasswd, bcrypt), storage, and optionally an Ingress with TLS.
/// <see cref="RegistryDeploymentRenderer"/> turns it into typed objects; anything these settings do not cover is
/// changed on the typed Deployment through <see cref="ConfigureDeployment"/>.
/// </summary>
public sealed record RegistryDeploymentSettings
{
    /// <summary>Creates settings for a registry that <paramref name="user"/> pushes to and pulls from.</summary>
    /// <param name="user">The one registry user; the password is hashed with bcrypt into the htpasswd Secret and never written to a file.</param>
    /// <param name="storage">Where images are kept, e.g. <c>RegistryStorage.PersistentVolumeClaim("20Gi")</c>.</param>
    /// <exception cref="ManifestException">The user is anonymous, has no password, or a name the htpasswd file cannot hold.</exception>
    public RegistryDeploymentSettings(RegistryCredentials user, RegistryStorage storage)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(storage);
        if (user.IsAnonymous || string.IsNullOrEmpty(user.Password))
        {
            throw new ManifestException(
                ManifestFailureKind.UnusableCredentials,
                $"the hosted registry needs a user name and password for its htpasswd file, but got {user}: pass explicit credentials "
                + "(identity tokens cannot be hashed into htpasswd)");
        }

        if (user.Username!.Contains(':', StringComparison.Ordinal) || user.Username.Any(char.IsWhiteSpace))
        {
            throw new ManifestException(
                ManifestFailureKind.UnusableCredentials,
                $"registry user name '{user.Username}' cannot hold ':' or white space in an htpasswd file: choose another user name");
        }

        User = user;
        Storage = storage;
    }

    /// <summary>The registry user (its <see cref="RegistryCredentials.ToString"/> never shows the password).</summary>
    public RegistryCredentials User { get; }

    /// <summary>Where images are kept.</summary>
    public RegistryStorage Storage { get; init; }

    /// <summary>Names the Deployment, Service, ConfigMap and (with suffixes) Secret, claim and Ingress; <c>registry</c> unless set.</summary>
    public DnsLabel Name { get; init; } = DnsLabel.Parse("registry");

    /// <summary>The namespace everything is rendered into; <c>registry</c> unless set.</summary>
    public DnsLabel Namespace { get; init; } = DnsLabel.Parse("registry");

    /// <summary>The registry image; <c>registry:2</c> (distribution 2.x) unless set, e.g. a copy in your own registry.</summary>
    public ImageReference Image { get; init; } = ImageReference.Parse("registry:2");

    /// <summary>Exposes the registry outside the cluster at <c>https://host</c>; null keeps it cluster-internal.</summary>
    public RegistryIngressSettings? Ingress { get; init; }

    /// <summary>CPU and memory for the registry container; 100m / 128Mi requested, 1 CPU / 512Mi limit unless set.</summary>
    public ContainerResources Resources { get; init; } = new("100m", "128Mi", "1", "512Mi");

    /// <summary>Runs on the Deployment after it is built: a node selector for hostPath storage, tolerations, a liveness probe.</summary>
    public Action<V1Deployment>? ConfigureDeployment { get; init; }
}
