namespace Pipeline.Version;

/// <summary>
/// What the stages' messages call the inputs their caller takes from its user, so a fix names what that user can
/// set: Pipeline's CLI fills it with its flags (from the <c>[Parameter]</c> declarations), a Cake script with its
/// argument names. The defaults say what the input is, for a caller that names nothing. One type for all stages
/// (it lives in the package every stage references), one property per input a fix refers to.
/// </summary>
public sealed record StageInputNames
{
    /// <summary>The inputs in words ("the release version"): what a stage says when its caller names nothing.</summary>
    public static StageInputNames Neutral { get; } = new();

    /// <summary>The release version to build (CLI: <c>--release</c>).</summary>
    public string Release { get; init; } = "the release version";

    /// <summary>The switch that lets a release tag be replaced (CLI: <c>--overwrite-tag</c>).</summary>
    public string OverwriteTag { get; init; } = "the overwrite-tag option";

    /// <summary>The registry's host[:port] (CLI: <c>--registry</c>).</summary>
    public string Registry { get; init; } = "the registry address";

    /// <summary>The registry user (CLI: <c>--registry-username</c>).</summary>
    public string RegistryUsername { get; init; } = "the registry user name";

    /// <summary>The registry password, a secret given through the environment (CLI: <c>REGISTRY_PASSWORD</c>).</summary>
    public string RegistryPassword { get; init; } = "the registry password";

    /// <summary>The registry's CA certificate for Pipeline's own client (CLI: <c>--registry-ca</c>).</summary>
    public string RegistryCa { get; init; } = "the registry CA certificate";

    /// <summary>The image the Dockerfile builds on (CLI: <c>--base-image</c>).</summary>
    public string BaseImage { get; init; } = "the base image";

    /// <summary>The platforms of a multi-platform image (CLI: <c>--platforms</c>).</summary>
    public string Platforms { get; init; } = "the image platforms";

    /// <summary>Which image builder to use (CLI: <c>--builder</c>).</summary>
    public string ImageBuilder { get; init; } = "the image builder choice";

    /// <summary>The team's own manifest (CLI: <c>--manifest</c>).</summary>
    public string Manifest { get; init; } = "the manifest path";

    /// <summary>The kubeconfig file (CLI: <c>--kubeconfig</c>).</summary>
    public string Kubeconfig { get; init; } = "the kubeconfig path";

    /// <summary>The kubeconfig context (CLI: <c>--kube-context</c>).</summary>
    public string KubeContext { get; init; } = "the kubeconfig context";
}
