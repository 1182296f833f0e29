using Microsoft.Extensions.Logging;
using Pipeline.Cluster;
using Pipeline.Engine;
using Pipeline.Manifests;
using Pipeline.Registry;
using Pipeline.Services;
using Pipeline.Services.Recording;

namespace Pipeline.Components;

/// <summary>
/// ServiceManifests and ServiceDeploy: the release half of a many-services run. Each selected service is rendered
/// (its port and replicas from its <see cref="ServiceDefinition"/>) to <c>artifacts/k8s/&lt;service&gt;.yaml</c> with the
/// image ServiceImages shipped this run, else the one its record names; the Namespace and the pull Secret (in memory,
/// credentials chosen by <see cref="IHazPullSecret"/>'s rules, as for one service) are shared once. It has none of the
/// one-service Render parameters (artifact, deploy image, own manifest, replicas, port): each service brings its own. ServiceDeploy applies them together, waits for every
/// rollout side by side and, when one fails, rolls back only the services this release built and pushed.
/// </summary>
public interface IDeployServices : IHazPullSecret, IHazDigestPinning, IHazRelease, IHazServices, IHazCluster
{
    /// <summary>Where a service's manifests go.</summary>
    AbsolutePath ServiceManifestFile(DnsLabel service) => ArtifactsDirectory / "k8s" / $"{service}.yaml";

    /// <summary>Renders every selected service.</summary>
    Target ServiceManifests => _ => _
        .Description("Render each selected service (its image as ServiceImages shipped it, or its record) to artifacts/k8s/<service>.yaml; the Namespace and pull Secret once")
        .TryAfter<IShipServices>(x => x.ServiceImages)
        // Before anything runs: every service this run does not ship itself must have a record of its image.
        .Validates(cancellationToken =>
        {
            ManifestWriter.Prepare();   // while ServiceImages runs: ServiceManifests then writes at once
            return ReadRecordsUnlessShippedAsync(cancellationToken);
        })
        .Validates(cancellationToken => RefuseFoundPullCredentialsAsync(_ => Task.FromResult(PullSecretFile is not null), cancellationToken))
        .Executes(async cancellationToken =>
        {
            var shipped = await ShippedImagesAsync(cancellationToken);
            var release = await ResolveReleaseAsync(cancellationToken);
            var revision = await ResolveRevisionAsync(cancellationToken);
            var sets = new List<ServiceManifestSet>();
            foreach (var (service, record) in SelectedServices().Services.Zip(shipped))
            {
                var manifests = ManifestRenderer.Render(ServiceDeploymentSettings(service, new DeploymentSettings(service.Artifact, ImageReference.Create(record.Image.Registry, record.Image.Repository, release.ImageTag), release)
                {
                    Namespace = Namespace,
                    PullSecretName = PullSecret,
                    Revision = revision,
                    PushedDigest = record.Digest,
                    PinByDigest = PinDigest,
                    Replicas = service.Replicas,
                    ContainerPort = service.Port,
                    Inputs = CliInputNames.Value,
                }));
                await ManifestWriter.WriteAsync(manifests, ServiceManifestFile(service.Artifact), cancellationToken);
                Log.LogInformation("Rendered {File}", ServiceManifestFile(service.Artifact));
                sets.Add(new ServiceManifestSet(service.Artifact, manifests));
            }

            var credentials = await ResolvePullCredentialsAsync(cancellationToken);
            PullSecret? secret = null;
            if (!credentials.IsAnonymous)
            {
                secret = new PullSecret(PullSecret, Namespace, Registry, credentials);
                foreach (var value in secret.SecretsToMask)
                {
                    AddSecret(value);
                }

                if (PullSecretFile is { } path)
                {
                    await secret.WriteAsync(path, cancellationToken);
                    Log.LogInformation("Wrote the pull Secret to {File} (mode 0600), as asked", path);
                }
            }

            Summary.Add("Manifests", ArtifactsDirectory / "k8s");
            return new RenderedServices(ReleaseManifests.Combine(sets, secret), shipped);
        });

    /// <summary>Applies every service and waits for all rollouts.</summary>
    Target ServiceDeploy => _ => _
        .Description("Apply every rendered service (server-side) and wait for all rollouts side by side; on failure diagnose and roll back only the services this release built and pushed")
        .DependsOn(ServiceManifests)
        .Validates(cancellationToken => RefuseFoundPullCredentialsAsync(async ct => (await ResolveClusterAsync(ct)).IsConfigured, cancellationToken))
        .Executes(async cancellationToken =>
        {
            var rendered = ResultOf<RenderedServices>(ServiceManifests) ?? throw new InvalidOperationException("ServiceManifests handed on no manifests.");
            var cluster = await ResolveClusterAsync(cancellationToken);
            if (cluster.SkipReason is { } reason)
            {
                throw new TargetSkippedException(reason);
            }

            Log.LogInformation("Deploying {Count} services to {Cluster}", rendered.Shipped.Count, cluster);
            using var client = cluster.CreateClient();
            try
            {
                var result = await new ClusterRelease(client, logger: Log).DeployAsync(
                    new ClusterReleaseRequest { Manifests = rendered.Manifests, Changed = rendered.Changed }, RolloutOptions, cancellationToken);
                State<ServiceDeployOutcome>().Result = result;
                SummariseRelease(rendered, result);
                return result;
            }
            catch (ReleaseRolloutFailedException failure)
            {
                State<ServiceDeployOutcome>().Result = failure.Result;
                SummariseRelease(rendered, failure.Result);
                throw;
            }
        });

    /// <summary>Settings hook: change one service's Deployment (env, resources, the typed Deployment) without copying the target.</summary>
    DeploymentSettings ServiceDeploymentSettings(ServiceDefinition service, DeploymentSettings settings) => settings;

    /// <summary>One summary row per service: its image and digest, what ServiceImages did, how its rollout ended.</summary>
    private void SummariseRelease(RenderedServices rendered, ClusterReleaseResult result)
    {
        foreach (var record in rendered.Shipped)
        {
            var rollout = result.Services.FirstOrDefault(service => service.Service == record.Service);
            Summary.Add($"Release {record.Service}", $"{record.Image} {record.ActionText}; {rollout?.ToString() ?? "not applied"}");
        }
    }

    /// <summary>
    /// Each selected service's shipped image, in the services' order: from ServiceImages' result when it ran in this
    /// process, else from the records in <see cref="IHazServices.ShippedServices"/>.
    /// </summary>
    Task<IReadOnlyList<ServiceRecord>> ShippedImagesAsync(CancellationToken cancellationToken) =>
        this is IShipServices ship && ResultOf<ServiceShipmentResult>(ship.ServiceImages) is { } result
            ? Task.FromResult<IReadOnlyList<ServiceRecord>>([.. SelectedServices().Services.Select(service =>
                ServiceRecord.Of(result.Services.Single(shipped => shipped.Decision.Source.Service.Artifact == service.Artifact)))])
            : ReadRecordsAsync(cancellationToken);

    /// <summary>The records of the selected services, when ServiceImages does not run in this process (nothing to check otherwise).</summary>
    private async Task ReadRecordsUnlessShippedAsync(CancellationToken cancellationToken)
    {
        if (this is not IShipServices ship || !IsPlanned(ship.ServiceImages))
        {
            await ReadRecordsAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Reads every selected service's record; refuses, naming each service and the fix, one that has none, one that is
    /// unreadable, or one of another registry or release (deploying it would run an image this release does not name).
    /// </summary>
    private Task<IReadOnlyList<ServiceRecord>> ReadRecordsAsync(CancellationToken cancellationToken) => Once<IReadOnlyList<ServiceRecord>>(async () =>
    {
        var folder = new ServiceRecordFolder(ShippedServices);
        var selected = SelectedServices().Services.Select(service => service.Artifact).ToList();
        var servicesFlag = DeclaredParameter.Flag<IHazServices>(build => build.Services);
        var missing = folder.Missing(selected);
        if (missing.Count > 0)
        {
            throw new ServicesException(ServicesFailureKind.MissingRecord,
                $"no record of the shipped image of {string.Join(", ", missing)} in {folder.Folder}: run ServiceImages {servicesFlag} {string.Join(',', missing)} first "
                + $"(or with this run), or pass {DeclaredParameter.Flag<IHazServices>(build => build.ShippedServices)} with the folder its records were handed on to");
        }

        var release = await ResolveReleaseAsync(cancellationToken);
        var records = new List<ServiceRecord>();
        foreach (var service in selected)
        {
            var record = await folder.ReadAsync(service, cancellationToken);
            if (record.Image.Registry != Registry || record.Image.Tag != release.ImageTag)
            {
                throw new ServicesException(ServicesFailureKind.InvalidRecord,
                    $"the record {folder.FileOf(service)} holds {record.Image}, not {Registry}/{service}:{release.ImageTag}: run ServiceImages {servicesFlag} {service} for this "
                    + $"{DeclaredParameter.Flag<IHazRelease>(build => build.Release)} and {DeclaredParameter.Flag<IHazRegistry>(build => build.Registry)}");
            }

            records.Add(record);
        }

        return records;
    });
}
