// A TEST DOUBLE of the Kubernetes API server, not a Kubernetes implementation: see README.md.
using Pipeline.Registry.Http;

namespace Pipeline.KubeApiServerDouble;

/// <summary>Timing of the simulated controllers and kubelet; short defaults keep tests fast.</summary>
public sealed record KubeApiServerDoubleOptions
{
    /// <summary>How often the simulated controllers and kubelet run. Default 25 ms.</summary>
    public TimeSpan Tick { get; init; } = TimeSpan.FromMilliseconds(25);

    /// <summary>How long a started container takes to pass its readiness probe. Default 50 ms.</summary>
    public TimeSpan ReadyAfter { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>How long ErrImagePull shows before ImagePullBackOff. Default 100 ms.</summary>
    public TimeSpan PullBackOffAfter { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long the kubelet backs off before pulling again. Default 1 s.</summary>
    public TimeSpan PullRetryAfter { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a <see cref="PodBehaviour.Crash"/> container runs before exiting. Default 100 ms.</summary>
    public TimeSpan CrashAfter { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long CrashLoopBackOff lasts before the next start. Default 300 ms.</summary>
    public TimeSpan CrashBackOff { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>How the simulated container runtime reaches registries (scheme, CA). Default: HTTP on loopback, as Docker does.</summary>
    public RegistryClientOptions Registry { get; init; } = new();

    /// <summary>The clock for timestamps and the simulation loop.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
