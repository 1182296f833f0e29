using Pipeline.Components;
using Pipeline.Engine;
using Pipeline.Manifests;
using Pipeline.Services;

namespace Pipeline.Components.Tests.Builds;

/// <summary>The Shop build whose payments-api pods never become ready, through the per-service settings hook a team would use.</summary>
internal sealed class ShopNeverReadyPaymentsBuild : PipelineBuild, IPublishServices
{
    /// <inheritdoc />
    DeploymentSettings IDeployServices.ServiceDeploymentSettings(ServiceDefinition service, DeploymentSettings settings) =>
        service.Artifact.Value == "payments-api" ? NeverReadyPods.Apply(settings) : settings;
}
