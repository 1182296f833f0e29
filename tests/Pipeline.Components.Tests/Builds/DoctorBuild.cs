using Pipeline.Components;
using Pipeline.Engine;
using Pipeline.Testing.Docker;

namespace Pipeline.Components.Tests.Builds;

/// <summary>A consumer's build that has the whole chain and the Doctor, as this repo's own build does.</summary>
internal sealed class DoctorBuild : PipelineBuild, IPublishToKubernetes, IDoctor
{
    /// <inheritdoc />
    public AbsolutePath ApplicationProject => AbsolutePath.Create(RepositoryRoot.Find()) / "samples" / "Orders.Api" / "Orders.Api.csproj";
}
