using Pipeline.Engine;

namespace Pipeline.Components;

/// <summary>How an application is published for its image: the configuration and the runtime, for Compile and for every service's publish.</summary>
public interface IHazPublishConfiguration : IPipelineBuild
{
    /// <summary>The build configuration of the published application.</summary>
    [Parameter("Build configuration of the published application")]
    string Configuration => Parameter("Release");

    /// <summary>The runtime the image runs on; self-contained so the image needs no .NET runtime.</summary>
    [Parameter("Runtime identifier of the image's platform")]
    string RuntimeIdentifier => Parameter("linux-x64");
}
