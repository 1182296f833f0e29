using Pipeline.Components;
using Pipeline.Engine;
using Pipeline.Testing.Docker;

namespace Pipeline.Components.Tests.Builds;

/// <summary>
/// A build shaped like a consumer's: one class, one interface, the project it ships. The root directory comes from
/// the working directory (a temp folder with <c>.pipeline/</c>), so artifacts land there, not in the checkout.
/// </summary>
internal class SampleBuild : PipelineBuild, IPublishToKubernetes
{
    /// <inheritdoc />
    public AbsolutePath ApplicationProject => AbsolutePath.Create(RepositoryRoot.Find()) / "samples" / "Orders.Api" / "Orders.Api.csproj";
}
