using Pipeline.Engine;

namespace Pipeline.Components;

/// <summary>
/// The whole chain for a repository of services: ServiceImages → ServiceManifests → ServiceDeploy, with the GitHub
/// release between the last two when the build is also an <see cref="IGitHubReleaseServices"/>.
/// <code>internal sealed partial class Build : PipelineBuild, IPublishServices
/// {
///     public static int Main(string[] args) => Execute&lt;Build&gt;(args);
/// }</code>
/// </summary>
public interface IPublishServices : IShipServices, IDeployServices
{
    /// <summary>Runs the chain.</summary>
    Target Publish => _ => _
        .Description("ServiceImages → ServiceManifests → (ServiceGitHubRelease) → ServiceDeploy")
        .DependsOn(ServiceImages, ServiceManifests, ServiceDeploy)
        // A build with GitHub releases publishes one with every run of the chain (skipped, with the reason, without a token).
        .TryDependsOn<IGitHubReleaseServices>(x => x.ServiceGitHubRelease);
}
