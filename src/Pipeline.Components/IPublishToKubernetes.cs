using Pipeline.Engine;

namespace Pipeline.Components;

/// <summary>
/// The whole chain for a service shipped to Kubernetes:
/// Compile → Image → Push → (CleanImages) → Render → Deploy.
/// <code>class Build : PipelineBuild, IPublishToKubernetes
/// {
///     public static int Main(string[] args) => Execute&lt;Build&gt;(args);
///     public AbsolutePath ApplicationProject => RootDirectory / "src" / "Orders.Api" / "Orders.Api.csproj";
/// }</code>
/// </summary>
public interface IPublishToKubernetes : ICleanImages, IDeploy
{
    /// <summary>Runs the chain.</summary>
    Target Publish => _ => _
        .Description("Compile → Image → Push → (CleanImages) → Render → Deploy")
        .DependsOn(Push, Render, Deploy);
}
