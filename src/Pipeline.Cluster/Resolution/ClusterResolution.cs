using k8s;
using Pipeline.Version;

namespace Pipeline.Cluster;

/// <summary>
/// The outcome of looking for a cluster: a client configuration and where it came from, or the reason there is
/// none, so Deploy can skip with that reason instead of failing.
/// </summary>
public sealed class ClusterResolution
{
    private ClusterResolution(KubernetesClientConfiguration? configuration, ClusterSource? source, string description)
    {
        Configuration = configuration;
        Source = source;
        Description = description;
    }

    /// <summary>True when a cluster was found.</summary>
    public bool IsConfigured => Configuration is not null;

    /// <summary>The client configuration, or null when <see cref="IsConfigured"/> is false.</summary>
    public KubernetesClientConfiguration? Configuration { get; }

    /// <summary>Where the configuration came from, or null when none was found.</summary>
    public ClusterSource? Source { get; }

    /// <summary>For logs: the file and context used, or the skip reason. Never contains a credential.</summary>
    public string Description { get; }

    /// <summary>Why there is no cluster, or null when there is one.</summary>
    public string? SkipReason => IsConfigured ? null : Description;

    /// <summary>A resolution that found a cluster.</summary>
    public static ClusterResolution Found(KubernetesClientConfiguration configuration, ClusterSource source, string description)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new(configuration, source, description);
    }

    /// <summary>A resolution that found nothing, with the standard reason naming the kubeconfig input as <paramref name="inputs"/> calls it.</summary>
    public static ClusterResolution NotConfigured(StageInputNames? inputs = null) =>
        new(null, null, $"no cluster configured (none of {(inputs ?? StageInputNames.Neutral).Kubeconfig}, KUBECONFIG, ~/.kube/config or an in-cluster service account)");

    /// <summary>Creates a client for the resolved cluster; throws when none was found.</summary>
    public Kubernetes CreateClient() =>
        Configuration is null
            ? throw new InvalidOperationException($"Cannot create a Kubernetes client: {Description}.")
            : new Kubernetes(Configuration);

    /// <inheritdoc />
    public override string ToString() => Description;
}
