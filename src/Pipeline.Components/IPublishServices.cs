using Pipeline.Engine;

namespace Pipeline.Components;

/// <summary>
/// The whole chain for a repository of services: ServiceImages → ServiceManifests → ServiceDeploy.
/// <code>internal sealed partial class Build : PipelineBuild, IPublishServices
/// {
///     public static int Main(string[] args) => Execute&lt;Build&gt;(args);
/// }</code>
/// </summary>
public interface IPublishServices : IShipServices, IDeployServices
{
    /// <summary>Runs the chain.</summary>
    Target Publish => _ => _
        .Description("ServiceImages → ServiceManifests → ServiceDeploy")
        .DependsOn(ServiceImages, ServiceManifests, ServiceDeploy);
}
