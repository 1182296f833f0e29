using Microsoft.Extensions.Logging;
using Pipeline.Cluster;
using Pipeline.Engine;
using Pipeline.Engine.Targets;
using Pipeline.GitHub;

namespace Pipeline.Components;

/// <summary>
/// GitHubRelease: creates or updates the GitHub release <c>v&lt;release&gt;</c> (notes with the image reference and its
/// digest, the rendered manifest attached) and, when a cluster is configured, a GitHub deployment to the namespace
/// whose status follows Deploy: in_progress before it, success or failure after it (GitHubDeploymentStatus).
/// Without a token it is skipped with that reason. The token and the repository are <see cref="IHazGitHub"/>'s.
/// </summary>
public interface IGitHubRelease : IDeploy, IHazGitHub
{
    /// <summary>Publishes the release and opens the deployment; Deploy runs after it.</summary>
    Target GitHubRelease => _ => _
        .Description("Create or update the GitHub release v<release> (image digest, manifest attached) and a deployment for the namespace")
        .TryDependsOn<IPush>(x => x.Push)
        .DependsOn(Render)
        .Triggers(Deploy)
        .Executes(async cancellationToken =>
        {
            var (client, repository) = await ConnectGitHubAsync(cancellationToken);
            var release = await ResolveReleaseAsync(cancellationToken);
            var (image, digest) = await ReleasedImageAsync(cancellationToken);
            var published = await new GitHubReleasePublisher(client, Log).PublishAsync(new GitHubReleaseRequest
            {
                Repository = repository,
                Version = release,
                Image = image,
                Digest = digest,
                TargetCommitish = (await ResolveRevisionAsync(cancellationToken))?.Sha,
                ManifestPath = ManifestFile,
            }, cancellationToken);
            Summary.Add("GitHub release", published.Url.ToString());

            var cluster = await ResolveClusterAsync(cancellationToken);
            if (!cluster.IsConfigured)
            {
                Log.LogInformation("No GitHub deployment: Deploy has no cluster to deploy to ({Reason})", cluster.SkipReason);
                return null;
            }

            var reporter = new GitHubDeploymentReporter(client, Log);
            var deployment = await reporter.CreateAsync(new GitHubDeploymentRequest
            {
                Repository = repository,
                Environment = Namespace.Value,
                Ref = published.TagName,
                Description = digest is { } pushed ? $"{image}@{pushed}" : image.ToString(),
            }, cancellationToken);
            await reporter.ReportAsync(deployment, new GitHubDeploymentStatus(GitHubDeploymentState.InProgress, $"deploying {image}", LogUrl: RunLogUrl), cancellationToken);
            return new OpenedGitHubDeployment(client, deployment);
        });

    /// <summary>Reports Deploy's result on the GitHub deployment, also when Deploy failed or the build was cancelled.</summary>
    Target GitHubDeploymentStatus => _ => _
        .Description("Set the GitHub deployment's status from Deploy's result (runs even when Deploy failed)")
        .AlwaysAfter(GitHubRelease)
        .After(Deploy)
        .Executes(async cancellationToken =>
        {
            if (ResultOf<OpenedGitHubDeployment>(GitHubRelease) is not { Client: var client, Deployment: var deployment })
            {
                throw new TargetSkippedException("GitHubRelease opened no deployment");
            }

            var status = (StatusOf(Deploy), ResultOf<ClusterDeploymentResult>(Deploy)) switch
            {
                (TargetStatus.Succeeded, { } rollout) => new GitHubDeploymentStatus(GitHubDeploymentState.Success, rollout.ToString(), LogUrl: RunLogUrl),
                (TargetStatus.Failed or TargetStatus.Cancelled, _) => new GitHubDeploymentStatus(GitHubDeploymentState.Failure, "Deploy failed or was cancelled: see the build log", LogUrl: RunLogUrl),
                _ => new GitHubDeploymentStatus(GitHubDeploymentState.Inactive, "Deploy did not run (skipped, or an earlier target failed)", LogUrl: RunLogUrl),
            };
            await new GitHubDeploymentReporter(client, Log).ReportAsync(deployment, status, cancellationToken);
            Summary.Add("GitHub deployment", $"{deployment.Environment}: {status.State}");
        });
}
