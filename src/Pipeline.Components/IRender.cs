using Microsoft.Extensions.Logging;
using Pipeline.Engine;
using Pipeline.Manifests;

namespace Pipeline.Components;

/// <summary>
/// Render: the Namespace, Service and Deployment (pulling through <c>imagePullSecrets</c>) written
/// deterministically to <c>artifacts/k8s/&lt;artifact&gt;.yaml</c>. The pull Secret is built in memory for
/// Deploy and written only to <see cref="PullSecretFile"/> when asked.
/// </summary>
public interface IRender : ICleanImages
{
    /// <summary>The namespace to deploy to.</summary>
    [Parameter("Kubernetes namespace")]
    DnsLabel Namespace => Parameter(DnsLabel.DefaultNamespace);

    /// <summary>The Secret the Deployment pulls through.</summary>
    [Parameter("Name of the kubernetes.io/dockerconfigjson Secret the pods pull through")]
    DnsLabel PullSecret => Parameter(DnsLabel.Parse("regcred"));

    /// <summary>A team's own Deployment YAML; only its image and imagePullSecrets are set.</summary>
    [Parameter("Your own Deployment YAML: Pipeline sets only its image and imagePullSecrets", MustExist = true)]
    AbsolutePath? Manifest => Parameter<AbsolutePath?>(null);

    /// <summary>Refer to the image by its pushed digest instead of its tag.</summary>
    [Parameter("Pin the Deployment's image by the pushed digest")]
    bool PinDigest => Parameter(false);

    /// <summary>Pod replicas.</summary>
    [Parameter("Deployment replicas", Minimum = 0)]
    int Replicas => Parameter(1);

    /// <summary>The port the application listens on.</summary>
    [Parameter("Container port the application listens on", Minimum = 1, Maximum = 65535)]
    int ContainerPort => Parameter(8080);

    /// <summary>Writes the pull Secret here (mode 0600); it is written nowhere unless asked.</summary>
    [Parameter("Also write the pull Secret to this file (mode 0600); by default it is never written")]
    AbsolutePath? PullSecretFile => Parameter<AbsolutePath?>(null);

    /// <summary>Where the rendered manifests go.</summary>
    AbsolutePath ManifestFile => ArtifactsDirectory / "k8s" / $"{Artifact.Value}.yaml";

    /// <summary>Renders the manifests.</summary>
    Target Render => _ => _
        .Description("Render the Namespace, Service and Deployment (imagePullSecrets) to artifacts/k8s/<artifact>.yaml")
        .After(Push, CleanImages)
        // Everything Render will read is read now, before Compile: a manifest that does not parse or holds no
        // Deployment, or credentials no pull Secret can carry, must not cost a pushed (immutable) release.
        .Validates(async cancellationToken =>
        {
            var settings = await RenderSettingsAsync(pushedDigest: null, pinByDigest: false, cancellationToken);
            await RenderManifestsAsync(settings, cancellationToken);
            await BuildPullSecretAsync(settings, cancellationToken);
        })
        .Executes(async cancellationToken =>
        {
            var chain = State<ChainState>();
            var settings = await RenderSettingsAsync(chain.ImageDigest, PinDigest, cancellationToken);
            var manifests = await RenderManifestsAsync(settings, cancellationToken);
            await ManifestWriter.WriteAsync(manifests, ManifestFile, cancellationToken);
            Log.LogInformation("Rendered {File}", ManifestFile);
            Summary.Add("Manifests", ManifestFile);

            if (await BuildPullSecretAsync(settings, cancellationToken) is { } secret)
            {
                foreach (var value in secret.SecretsToMask)
                {
                    AddSecret(value);
                }

                manifests = manifests.WithPullSecret(secret);
                if (PullSecretFile is { } path)
                {
                    await secret.WriteAsync(path, cancellationToken);
                    Log.LogInformation("Wrote the pull Secret to {File} (mode 0600), as asked", path);
                }
            }

            chain.Manifests = manifests;
        });

    /// <summary>The Deployment's settings; the check before the push asks for no pinning, as no digest is known yet.</summary>
    protected async Task<DeploymentSettings> RenderSettingsAsync(Pipeline.Registry.Digest? pushedDigest, bool pinByDigest, CancellationToken cancellationToken)
    {
        var release = await ResolveReleaseAsync(cancellationToken);
        return DeploymentSettings(new DeploymentSettings(Artifact.Label, ReleaseImage(release), release)
        {
            Namespace = Namespace,
            PullSecretName = PullSecret,
            Revision = await ResolveRevisionAsync(cancellationToken),
            PushedDigest = pushedDigest,
            PinByDigest = pinByDigest,
            Replicas = Replicas,
            ContainerPort = ContainerPort,
        });
    }

    /// <summary>The rendered set: the user's manifest with the image set, or Pipeline's own objects.</summary>
    protected async Task<ManifestSet> RenderManifestsAsync(DeploymentSettings settings, CancellationToken cancellationToken) =>
        Manifest is { } own
            ? await ManifestRenderer.RenderFromManifestAsync(own, settings, cancellationToken: cancellationToken)
            : ManifestRenderer.Render(settings);

    /// <summary>The pull Secret for the resolved credentials; null when the registry is pulled from anonymously.</summary>
    private async Task<PullSecret?> BuildPullSecretAsync(DeploymentSettings settings, CancellationToken cancellationToken)
    {
        var credentials = await ResolveRegistryCredentialsAsync(cancellationToken);
        return credentials.IsAnonymous ? null : new PullSecret(settings.PullSecretName, settings.Namespace, Registry, credentials);
    }

    /// <summary>Settings hook: change replicas, env, resources, or the typed Deployment without copying the target.</summary>
    DeploymentSettings DeploymentSettings(DeploymentSettings settings) => settings;
}
