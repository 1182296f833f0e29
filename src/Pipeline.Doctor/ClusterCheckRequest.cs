using Pipeline.Registry;
using Pipeline.Registry.Http;
using Pipeline.Version;

namespace Pipeline.Doctor;

/// <summary>What the cluster checks look at.</summary>
/// <param name="Namespace">The namespace the Deployment goes to.</param>
/// <param name="PullSecret">The name of the Secret the pods pull through.</param>
/// <param name="Image">The image the pods pull (its registry host is what the Secret's key must match).</param>
public sealed record ClusterCheckRequest(string Namespace, string PullSecret, ImageReference Image)
{
    /// <summary>TLS trust for checking the Secret's credentials against the registry.</summary>
    public RegistryClientOptions ClientOptions { get; init; } = new();

    /// <summary>
    /// True when Deploy applies the namespace and pull Secret itself (registry credentials are given), so their
    /// absence is a warning, not a failure.
    /// </summary>
    public bool DeployAppliesPullSecret { get; init; }

    /// <summary>What the caller calls its inputs (the CLI's flags, a Cake script's arguments), for the fixes.</summary>
    public StageInputNames Inputs { get; init; } = StageInputNames.Neutral;
}
