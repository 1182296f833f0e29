// A TEST DOUBLE of the Kubernetes API server, not a Kubernetes implementation: see README.md.
namespace Pipeline.KubeApiServerDouble;

/// <summary>Where one simulated container is in its life: pulling, failing to pull, running, crashed.</summary>
internal sealed class ContainerRuntimeState(string name, string image)
{
    public string Name { get; } = name;

    public string Image { get; } = image;

    public ContainerStage Stage { get; set; } = ContainerStage.Pulling;

    /// <summary>When <see cref="Stage"/> was entered.</summary>
    public DateTime Since { get; set; }

    /// <summary>The running pull, or null when none has started for this attempt.</summary>
    public Task? Pull { get; set; }

    /// <summary>The finished pull's outcome; null while it runs.</summary>
    public PullOutcome? PullResult { get; set; }

    /// <summary>The last pull error, shown while backing off and retrying.</summary>
    public string? PullError { get; set; }

    public int Restarts { get; set; }

    public DateTime? LastUnhealthyEvent { get; set; }
}
