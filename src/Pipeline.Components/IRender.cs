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
    string Namespace => Parameter("default");

    /// <summary>The Secret the Deployment pulls through.</summary>
    [Parameter("Name of the kubernetes.io/dockerconfigjson Secret the pods pull through")]
    string PullSecret => Parameter("regcred");

    /// <summary>A team's own Deployment YAML; only its image and imagePullSecrets are set.</summary>
    [Parameter("Your own Deployment YAML: Pipeline sets only its image and imagePullSecrets")]
    AbsolutePath? Manifest => Parameter<AbsolutePath?>(null);

    /// <summary>Refer to the image by its pushed digest instead of its tag.</summary>
    [Parameter("Pin the Deployment's image by the pushed digest")]
    bool PinDigest => Parameter(false);

    /// <summary>Pod replicas.</summary>
    [Parameter("Deployment replicas")]
    int Replicas => Parameter(1);

    /// <summary>The port the application listens on.</summary>
    [Parameter("Container port the application listens on")]
    int ContainerPort => Parameter(8080);

    /// <summary>Writes the pull Secret here (mode 0600); it is written nowhere unless asked.</summary>
    [Parameter("Also write the pull Secret to this file (mode 0600); by default it is never written")]
    AbsolutePath? PullSecretFile => Parameter<AbsolutePath?>(null);

    /// <summary>Where the rendered manifests go.</summary>
    AbsolutePath ManifestFile => ArtifactsDirectory / "k8s" / $"{Artifact}.yaml";

    /// <summary>Renders the manifests.</summary>
    Target Render => _ => _
        .Description("Render the Namespace, Service and Deployment (imagePullSecrets) to artifacts/k8s/<artifact>.yaml")
        .After(Push, CleanImages)
        .Executes(async cancellationToken =>
        {
            var chain = State<ChainState>();
            var release = await ResolveReleaseAsync(cancellationToken);
            var settings = DeploymentSettings(new DeploymentSettings(DnsLabel.Parse(Artifact), ReleaseImage(release), release)
            {
                Namespace = DnsLabel.Parse(Namespace),
                PullSecretName = DnsLabel.Parse(PullSecret),
                Revision = await ResolveRevisionAsync(cancellationToken),
                PushedDigest = chain.ImageDigest,
                PinByDigest = PinDigest,
                Replicas = Replicas,
                ContainerPort = ContainerPort,
            });
            var manifests = Manifest is { } own
                ? await ManifestRenderer.RenderFromManifestAsync(own, settings, cancellationToken: cancellationToken)
                : ManifestRenderer.Render(settings);
            await ManifestWriter.WriteAsync(manifests, ManifestFile, cancellationToken);
            Log.LogInformation("Rendered {File}", ManifestFile);
            Summary.Add("Manifests", ManifestFile);

            var credentials = await ResolveRegistryCredentialsAsync(cancellationToken);
            if (!credentials.IsAnonymous)
            {
                var secret = new PullSecret(settings.PullSecretName, settings.Namespace, Registry, credentials);
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

    /// <summary>Settings hook: change replicas, env, resources, or the typed Deployment without copying the target.</summary>
    DeploymentSettings DeploymentSettings(DeploymentSettings settings) => settings;
}
