using k8s.Models;
using Pipeline.Registry;
using Pipeline.Version;

namespace Pipeline.Manifests;

/// <summary>
/// Everything <see cref="ManifestRenderer"/> needs to render one service: the artifact, its image and release,
/// and the few knobs teams usually turn. Anything else is changed on the typed Deployment through
/// <see cref="ConfigureDeployment"/>, so a consumer overrides one field without copying the renderer.
/// </summary>
public sealed record DeploymentSettings
{
    /// <summary>Creates settings for <paramref name="artifact"/> running <paramref name="image"/> at <paramref name="release"/>.</summary>
    /// <param name="artifact">The service name: names the Deployment, Service, container and output file.</param>
    /// <param name="image">The image that was pushed (registry/repository:tag).</param>
    /// <param name="release">The release the image was built from.</param>
    public DeploymentSettings(DnsLabel artifact, ImageReference image, ReleaseVersion release)
    {
        if (string.IsNullOrEmpty(artifact.Value))
        {
            throw new ArgumentException("the artifact name is empty: parse one with DnsLabel.Parse(\"orders-api\")", nameof(artifact));
        }

        Artifact = artifact;
        Image = image;
        Release = release;
    }

    /// <summary>The service name: Deployment, Service and container are named after it.</summary>
    public DnsLabel Artifact { get; }

    /// <summary>The pushed image, usually <c>registry/repository:vX.Y.Z</c>.</summary>
    public ImageReference Image { get; init; }

    /// <summary>The release; becomes the <c>app.kubernetes.io/version</c> label and the <c>pipeline.io/release</c> annotation.</summary>
    public ReleaseVersion Release { get; init; }

    /// <summary>The namespace everything is rendered into; <c>default</c> unless set.</summary>
    public DnsLabel Namespace
    {
        get;
        init => field = value.Value.Length > 0 ? value : throw Invalid("the namespace is empty: parse one with DnsLabel.Parse(\"shop\")");
    } = DnsLabel.DefaultNamespace;

    /// <summary>The git commit the image was built from, recorded as <c>pipeline.io/revision</c>.</summary>
    public GitRevision? Revision { get; init; }

    /// <summary>The digest the registry reported for the push, recorded as <c>pipeline.io/digest</c>.</summary>
    public Digest? PushedDigest { get; init; }

    /// <summary>
    /// When true the container runs <c>registry/repository@sha256:…</c>: a tag moved later cannot change what runs.
    /// Needs <see cref="PushedDigest"/> (or a digest in <see cref="Image"/>).
    /// </summary>
    public bool PinByDigest { get; init; }

    /// <summary>How many pods; 1 unless set.</summary>
    public int Replicas
    {
        get;
        init => field = value >= 0 ? value : throw Invalid($"replicas {value} is negative: use 0 or more");
    } = 1;

    /// <summary>The port the service listens on inside the container; 8080 unless set.</summary>
    public int ContainerPort
    {
        get;
        init => field = IsPort(value) ? value : throw Invalid($"container port {value} is out of range: use 1 to 65535");
    } = 8080;

    /// <summary>The port the Service exposes inside the cluster; 80 unless set. Traffic goes to <see cref="ContainerPort"/>.</summary>
    public int ServicePort
    {
        get;
        init => field = IsPort(value) ? value : throw Invalid($"service port {value} is out of range: use 1 to 65535");
    } = 80;

    /// <summary>The HTTP path the readiness probe gets; <c>/healthz</c> unless set.</summary>
    public string ReadinessProbePath
    {
        get;
        init => field = value is ['/', ..] && !value.Any(char.IsWhiteSpace)
            ? value
            : throw Invalid($"readiness probe path '{value}' must start with '/' and contain no spaces, e.g. '/healthz'");
    } = "/healthz";

    /// <summary>CPU and memory requests and limits; <see cref="ContainerResources.Default"/> unless set.</summary>
    public ContainerResources Resources { get; init; } = ContainerResources.Default;

    /// <summary>Plain environment variables, rendered in this order.</summary>
    public IReadOnlyList<EnvironmentVariable> Environment { get; init; } = [];

    /// <summary>The <c>kubernetes.io/dockerconfigjson</c> Secret the pods pull with; <c>regcred</c> unless set.</summary>
    public DnsLabel PullSecretName
    {
        get;
        init => field = value.Value.Length > 0 ? value : throw Invalid("the pull secret name is empty: parse one with DnsLabel.Parse(\"regcred\")");
    } = DnsLabel.Parse("regcred");

    /// <summary>Labels added to the Service, the Deployment and its pods (never to the selector).</summary>
    public IReadOnlyDictionary<string, string> ExtraLabels { get; init; } = new Dictionary<string, string>();

    /// <summary>Annotations added to the Deployment and its pod template.</summary>
    public IReadOnlyDictionary<string, string> ExtraAnnotations { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Runs on each Deployment after it is built (or after the image is set on a user's manifest): the hook for
    /// anything these settings do not cover, e.g. a liveness probe or a secret-backed environment variable.
    /// </summary>
    public Action<V1Deployment>? ConfigureDeployment { get; init; }

    /// <summary>What the caller calls its inputs (its manifest path), for the errors about a team's manifest.</summary>
    public StageInputNames Inputs { get; init; } = StageInputNames.Neutral;

    /// <summary>
    /// The image the container runs: <see cref="Image"/>, or <c>registry/repository@digest</c> when
    /// <see cref="PinByDigest"/> is set.
    /// </summary>
    public ImageReference DeployedImage
    {
        get
        {
            if (!PinByDigest)
            {
                return Image;
            }

            var digest = Digest ?? throw new ManifestException(
                ManifestFailureKind.DigestRequired,
                $"cannot pin '{Artifact}' to a digest: no digest is known for {Image}. Push the image first and pass the "
                + "digest the registry reported (PushedDigest), or turn PinByDigest off to deploy by tag");
            return ImageReference.Create(Image.Registry, Image.Repository, digest);
        }
    }

    /// <summary>The image's digest: the pushed one, else the one in <see cref="Image"/>.</summary>
    public Digest? Digest => PushedDigest ?? Image.Digest;

    private static bool IsPort(int value) => value is >= 1 and <= 65535;

    private static ManifestException Invalid(string message) => new(ManifestFailureKind.InvalidSetting, message);
}
