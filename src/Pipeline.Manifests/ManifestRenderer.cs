using k8s;
using k8s.Models;
using Pipeline.Version;

namespace Pipeline.Manifests;

/// <summary>
/// Stage 4: turns <see cref="DeploymentSettings"/> into typed Kubernetes objects, either Pipeline's own
/// Namespace, Service and Deployment, or a team's own manifest with only the image and pull secret set.
/// </summary>
public static class ManifestRenderer
{
    /// <summary>Renders the Namespace, Service and Deployment for <paramref name="settings"/>.</summary>
    /// <exception cref="ManifestException">A setting is invalid, or pinning by digest without a digest.</exception>
    public static ManifestSet Render(DeploymentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new ManifestSet(
        [
            StandardManifests.Namespace(settings),
            StandardManifests.Service(settings),
            StandardManifests.Deployment(settings),
        ]);
    }

    /// <summary>
    /// Loads a team's own (multi-document) manifest from <paramref name="manifestPath"/> and sets, on each
    /// Deployment, only the image of the service container and the pull secret reference. Other documents are
    /// kept as they are.
    /// </summary>
    /// <param name="manifestPath">The team's YAML (<see cref="StageInputNames.Manifest"/>).</param>
    /// <param name="settings">The artifact, image and pull secret name; other settings do not apply to a team's manifest.</param>
    /// <param name="cancellationToken">Cancels reading the file.</param>
    /// <exception cref="ManifestException">
    /// The file is missing, unreadable, holds a kind outside <see cref="SupportedKinds"/> (refused before anything is
    /// written), holds no Deployment, or a container is ambiguous.
    /// </exception>
    public static async Task<ManifestSet> RenderFromManifestAsync(
        string manifestPath,
        DeploymentSettings settings,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(manifestPath);
        ArgumentNullException.ThrowIfNull(settings);
        string content;
        try
        {
            content = await File.ReadAllTextAsync(manifestPath, cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ManifestException(
                ManifestFailureKind.ManifestNotFound,
                $"manifest '{Path.GetFullPath(manifestPath)}' does not exist: check {settings.Inputs.Manifest} (relative paths start at "
                + $"'{Environment.CurrentDirectory}') or leave it out to render Pipeline's own Deployment",
                e);
        }

        return RenderFromManifestText(content, manifestPath, settings);
    }

    /// <summary>Like <see cref="RenderFromManifestAsync"/>, for YAML already in memory; <paramref name="source"/> names it in errors.</summary>
    public static ManifestSet RenderFromManifestText(
        string yaml, string source, DeploymentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(settings);
        var documents = UserManifest.Parse(yaml, source);
        // The rendered set is written to artifacts/ and attached to releases, so a Secret in it would leak there.
        if (documents.OfType<V1Secret>().FirstOrDefault() is { } secret)
        {
            throw new ManifestException(
                ManifestFailureKind.SecretInManifest,
                $"'{source}' holds the Secret '{secret.Metadata?.Name}': rendered manifests are written to artifacts/ and attached to releases, "
                + "where a Secret's data would be readable. Take it out of that file and create it in the cluster yourself (a secret "
                + "manager or kubectl create secret); the pull Secret needs no file, Pipeline builds it in memory");
        }
        var deployments = documents.OfType<V1Deployment>().ToList();
        if (deployments.Count == 0)
        {
            var kinds = documents.Count == 0 ? "nothing" : string.Join(", ", documents.Select(d => d.Kind).Distinct());
            throw new ManifestException(
                ManifestFailureKind.NoDeployment,
                $"'{source}' holds {kinds} but no apps/v1 Deployment to set the image on: add the Deployment to that file, "
                + $"or leave {settings.Inputs.Manifest} out to render Pipeline's own");
        }

        foreach (var deployment in deployments)
        {
            ImageSetter.Apply(deployment, settings, source);
        }

        return new ManifestSet(documents);
    }
}
