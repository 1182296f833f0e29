using Microsoft.Extensions.Logging;
using Pipeline.Engine;
using Pipeline.Engine.Targets;
using Pipeline.GitHub;

namespace Pipeline.Components;

/// <summary>
/// ServiceGitHubRelease: the GitHub release <c>v&lt;release&gt;</c> of a many-services build, whose notes list every
/// selected service with its image, digest and what ServiceImages did to it (from its result or the records), with each
/// service's rendered manifest attached; when a cluster is configured, one GitHub deployment to the namespace whose
/// status follows ServiceDeploy (ServiceGitHubDeploymentStatus). Without a token it is skipped with that reason.
/// </summary>
public interface IGitHubReleaseServices : IDeployServices, IHazGitHub
{
    /// <summary>Publishes the release and opens the deployment; ServiceDeploy runs after it.</summary>
    Target ServiceGitHubRelease => _ => _
        .Description("Create or update the GitHub release v<release> listing every service (image, digest, built or retagged; manifests attached) and a deployment for the namespace")
        .DependsOn(ServiceManifests)
        .Triggers(ServiceDeploy)
        .Executes(async cancellationToken =>
        {
            var (client, repository) = await ConnectGitHubAsync(cancellationToken);
            var rendered = ResultOf<RenderedServices>(ServiceManifests) ?? throw new InvalidOperationException("ServiceManifests handed on no manifests.");
            var release = await ResolveReleaseAsync(cancellationToken);
            var published = await new GitHubReleasePublisher(client, Log).PublishAsync(new GitHubServicesReleaseRequest
            {
                Repository = repository,
                Version = release,
                Services = [.. rendered.Shipped.Select(record => new ReleasedService(record.Service.Value, record.Image, $"{record.ActionText}: {record.Decision}"))],
                TargetCommitish = (await ResolveRevisionAsync(cancellationToken))?.Sha,
                ManifestPaths = [.. rendered.Shipped.Select(record => ServiceManifestFile(record.Service).Value)],
            }, cancellationToken);
            Summary.Add("GitHub release", published.Url.ToString());

            var cluster = await ResolveClusterAsync(cancellationToken);
            if (!cluster.IsConfigured)
            {
                Log.LogInformation("No GitHub deployment: ServiceDeploy has no cluster to deploy to ({Reason})", cluster.SkipReason);
                return null;
            }

            var services = string.Join(", ", rendered.Shipped.Select(record => record.Service.Value));
            var reporter = new GitHubDeploymentReporter(client, Log);
            var deployment = await reporter.CreateAsync(new GitHubDeploymentRequest
            {
                Repository = repository,
                Environment = Namespace.Value,
                Ref = published.TagName,
                Description = $"{rendered.Shipped.Count} services: {services}",
            }, cancellationToken);
            await reporter.ReportAsync(deployment, new GitHubDeploymentStatus(GitHubDeploymentState.InProgress, $"deploying {services}", LogUrl: RunLogUrl), cancellationToken);
            return new OpenedGitHubDeployment(client, deployment);
        });

    /// <summary>Reports ServiceDeploy's result on the GitHub deployment, also when it failed or the build was cancelled.</summary>
    Target ServiceGitHubDeploymentStatus => _ => _
        .Description("Set the GitHub deployment's status from ServiceDeploy's result: the services that failed and what was rolled back (runs even when ServiceDeploy failed)")
        .AlwaysAfter(ServiceGitHubRelease)
        .After(ServiceDeploy)
        .Executes(async cancellationToken =>
        {
            if (ResultOf<OpenedGitHubDeployment>(ServiceGitHubRelease) is not { Client: var client, Deployment: var deployment })
            {
                throw new TargetSkippedException("ServiceGitHubRelease opened no deployment");
            }

            var release = State<ServiceDeployOutcome>().Result;
            var status = (StatusOf(ServiceDeploy), release) switch
            {
                (TargetStatus.Succeeded, { } result) => new GitHubDeploymentStatus(GitHubDeploymentState.Success, result.Headline(), LogUrl: RunLogUrl),
                (TargetStatus.Failed, { } result) => new GitHubDeploymentStatus(GitHubDeploymentState.Failure, result.Headline(), LogUrl: RunLogUrl),
                (TargetStatus.Failed or TargetStatus.Cancelled, _) => new GitHubDeploymentStatus(GitHubDeploymentState.Failure, "ServiceDeploy failed or was cancelled: see the build log", LogUrl: RunLogUrl),
                _ => new GitHubDeploymentStatus(GitHubDeploymentState.Inactive, "ServiceDeploy did not run (skipped, or an earlier target failed)", LogUrl: RunLogUrl),
            };
            await new GitHubDeploymentReporter(client, Log).ReportAsync(deployment, status, cancellationToken);
            Summary.Add("GitHub deployment", $"{deployment.Environment}: {status.State}");
        });
}
