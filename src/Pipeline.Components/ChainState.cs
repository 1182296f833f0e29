using Pipeline.Cluster;
using Pipeline.Image;
using Pipeline.Manifests;
using Pipeline.Registry;
using Pipeline.Version;

namespace Pipeline.Components;

/// <summary>
/// What the chain's targets hand each other within one build (interfaces hold no fields, so it lives in the
/// build's state): the resolved release and credentials, the images this build created, the verified digest.
/// </summary>
internal sealed class ChainState
{
    public ReleaseVersion? Release { get; set; }

    public GitCommit? Head { get; set; }

    public bool HeadResolved { get; set; }

    public RegistryCredentials? Credentials { get; set; }

    /// <summary>What the pull Secret carries (anonymous: no Secret), chosen once by Render's rules.</summary>
    public RegistryCredentials? PullCredentials { get; set; }

    public bool LocalRegistryChecked { get; set; }

    public IContainerEngine? Engine { get; set; }

    /// <summary>The local tags the build applies and what each held before, for Push and CleanImages; null until the build is wanted.</summary>
    public LocalTagSnapshot? BuildTags { get; set; }

    /// <summary>Set when the release already holds the same content in the registry: Image and Push skip.</summary>
    public string? UnchangedReason { get; set; }

    /// <summary>The digest of the release image in the registry, verified after push (or found unchanged).</summary>
    public Digest? ImageDigest { get; set; }

    /// <summary>The manifests Render produced, for Deploy.</summary>
    public ManifestSet? Manifests { get; set; }

    /// <summary>Set when Deploy began applying to a cluster (it was neither skipped nor stopped before).</summary>
    public bool DeployStarted { get; set; }

    /// <summary>The rollout Deploy waited for; null when Deploy did not finish it.</summary>
    public ClusterDeploymentResult? DeployResult { get; set; }
}
