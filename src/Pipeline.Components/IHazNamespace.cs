using Pipeline.Engine;
using Pipeline.Manifests;

namespace Pipeline.Components;

/// <summary>The Kubernetes namespace a release is rendered into and deployed to, for one service or many.</summary>
public interface IHazNamespace : IPipelineBuild
{
    /// <summary>The namespace to deploy to.</summary>
    [Parameter("Kubernetes namespace")]
    DnsLabel Namespace => Parameter(DnsLabel.DefaultNamespace);
}
