using Microsoft.Extensions.Logging;
using Pipeline.Engine;
using Pipeline.Image;
using Pipeline.Manifests;
using Pipeline.Registry;

namespace Pipeline.Components;

/// <summary>
/// Render: the Namespace, Service and Deployment (pulling through <c>imagePullSecrets</c>) written
/// deterministically to <c>artifacts/k8s/&lt;artifact&gt;.yaml</c>. The pull Secret is built in memory for
/// Deploy and written only to <see cref="IHazPullSecret.PullSecretFile"/> when asked; its credentials are chosen by
/// <see cref="IHazPullSecret"/>'s rules, shared with the many-services build.
/// </summary>
public interface IRender : IHazReleaseImage, IHazPullSecret, IHazDigestPinning
{
    /// <summary>The image to deploy when this build does not push one (a consuming build with Render and Deploy alone).</summary>
    [Parameter("Image to render and deploy instead of the one Push hands on (registry/repository:tag or @sha256:…); default: the pushed release image")]
    ImageReference? DeployImage => Parameter<ImageReference?>(null);

    /// <summary>A team's own Deployment YAML; only its image and imagePullSecrets are set.</summary>
    [Parameter("Your own Deployment YAML: Pipeline sets only its image and imagePullSecrets", MustExist = true)]
    AbsolutePath? Manifest => Parameter<AbsolutePath?>(null);

    /// <summary>Pod replicas.</summary>
    [Parameter("Deployment replicas", Minimum = 0)]
    int Replicas => Parameter(1);

    /// <summary>The port the application listens on.</summary>
    [Parameter("Container port the application listens on", Minimum = 1, Maximum = 65535)]
    int ContainerPort => Parameter(8080);

    /// <summary>Where the rendered manifests go.</summary>
    AbsolutePath ManifestFile => ArtifactsDirectory / "k8s" / $"{Artifact.Value}.yaml";

    /// <summary>Renders the manifests.</summary>
    Target Render => _ => _
        .Description("Render the Namespace, Service and Deployment (imagePullSecrets) to artifacts/k8s/<artifact>.yaml")
        .TryAfter<IPush>(x => x.Push)
        .TryAfter<ICleanImages>(x => x.CleanImages)
        // Everything Render will read is read now, before Compile: a manifest that does not parse or holds no
        // Deployment, or credentials no pull Secret can carry, must not cost a pushed (immutable) release.
        .Validates(() =>
        {
            if (DeployImage is { } given && given.Registry != Registry)
            {
                throw new ArgumentException(
                    $"--deploy-image {given} is in {given.Registry}, but --registry is {Registry}: the pull Secret is made for --registry, so pass --registry {given.Registry}");
            }
        })
        .Validates(async cancellationToken =>
        {
            ManifestWriter.Prepare();   // while Compile and Image run: Render then writes at once
            var settings = await RenderSettingsAsync(pushed: null, pinByDigest: false, cancellationToken);
            await RenderManifestsAsync(settings, cancellationToken);
            await RefuseFoundPullCredentialsAsync(_ => Task.FromResult(PullSecretFile is not null), cancellationToken);
            await BuildPullSecretAsync(settings, cancellationToken);
        })
        .Executes(async cancellationToken =>
        {
            var settings = await RenderSettingsAsync(PushedImage(), PinDigest, cancellationToken);
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
            else if (await ResolveRegistryCredentialsAsync(cancellationToken) is { IsAnonymous: false } found)
            {
                // Nothing takes the Secret out of memory this run (Deploy refuses otherwise), so it is only left out.
                Log.LogInformation(
                    "No pull Secret: {Credentials} was found, not chosen (--pull-username with PULL_PASSWORD, or --pull-secret-from-docker-config, choose what the pods pull with)",
                    found);
            }

            return new RenderedRelease(manifests, settings.Image, settings.Digest, ManifestFile);
        });

    /// <summary>What Push handed on (pushed, or found unchanged), when this build pushes.</summary>
    private PushedImage? PushedImage() => this is IPush push ? ResultOf<PushedImage>(push.Push) : null;

    /// <summary>The image this release deploys and its digest when known: as Render rendered it, or (Render not run) by the same rules.</summary>
    protected async Task<(ImageReference Image, Pipeline.Registry.Digest? Digest)> ReleasedImageAsync(CancellationToken cancellationToken)
    {
        if (ResultOf<RenderedRelease>(Render) is { } rendered)
        {
            return (rendered.Image, rendered.Digest);
        }

        var settings = await RenderSettingsAsync(PushedImage(), pinByDigest: false, cancellationToken);
        return (settings.Image, settings.Digest);
    }

    /// <summary>
    /// The Deployment's settings: the image is <see cref="DeployImage"/> when given, else the <paramref name="pushed"/>
    /// release (with its digest), else the release image by tag (the check before the push: no digest is known yet).
    /// </summary>
    protected async Task<DeploymentSettings> RenderSettingsAsync(PushedImage? pushed, bool pinByDigest, CancellationToken cancellationToken)
    {
        var release = await ResolveReleaseAsync(cancellationToken);
        var image = DeployImage ?? pushed?.Image ?? ReleaseImage(release);
        var pushedDigest = DeployImage is null ? pushed?.Digest : null;
        return DeploymentSettings(new DeploymentSettings(Artifact.Label, image, release)
        {
            Namespace = Namespace,
            PullSecretName = PullSecret,
            Revision = await ResolveRevisionAsync(cancellationToken),
            PushedDigest = pushedDigest,
            PinByDigest = pinByDigest,
            Replicas = Replicas,
            ContainerPort = ContainerPort,
            Inputs = CliInputNames.Value,
        });
    }

    /// <summary>The rendered set: the user's manifest with the image set, or Pipeline's own objects.</summary>
    protected async Task<ManifestSet> RenderManifestsAsync(DeploymentSettings settings, CancellationToken cancellationToken) =>
        Manifest is { } own
            ? await ManifestRenderer.RenderFromManifestAsync(own, settings, cancellationToken: cancellationToken)
            : ManifestRenderer.Render(settings);

    /// <summary>The pull Secret for the chosen credentials; null when the registry is pulled from anonymously.</summary>
    private async Task<PullSecret?> BuildPullSecretAsync(DeploymentSettings settings, CancellationToken cancellationToken)
    {
        var credentials = await ResolvePullCredentialsAsync(cancellationToken);
        return credentials.IsAnonymous ? null : new PullSecret(settings.PullSecretName, settings.Namespace, Registry, credentials);
    }

    /// <summary>Settings hook: change replicas, env, resources, or the typed Deployment without copying the target.</summary>
    DeploymentSettings DeploymentSettings(DeploymentSettings settings) => settings;
}
