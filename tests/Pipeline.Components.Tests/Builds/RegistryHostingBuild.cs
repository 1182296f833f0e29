using Pipeline.Components;

namespace Pipeline.Components.Tests.Builds;

/// <summary>A consumer's build that also hosts its registry and a mirror: the two interfaces are all it adds.</summary>
internal sealed class RegistryHostingBuild : SampleBuild, IDeployRegistry, IRegistryMirror;
