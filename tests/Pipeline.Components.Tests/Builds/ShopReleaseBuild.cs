using Pipeline.Components;
using Pipeline.Engine;

namespace Pipeline.Components.Tests.Builds;

/// <summary>The Shop sample's whole chain (ServiceImages → ServiceManifests → ServiceDeploy) in process, on a copy of samples/Shop.</summary>
internal sealed class ShopReleaseBuild : PipelineBuild, IPublishServices;
