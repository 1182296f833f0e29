using Pipeline.Components;
using Pipeline.Engine;

namespace Pipeline.Packages.Tests.Builds;

/// <summary>A consumer's build that ships libraries: the PublishPackages component and nothing else.</summary>
internal sealed class PackagesBuild : PipelineBuild, IPublishPackages;
