using Pipeline.Components;
using Pipeline.Engine;

namespace Pipeline.Components.Tests.Builds;

/// <summary>A many-services build with CI fanned out per service; its root (the working directory) is a copy of samples/Shop.</summary>
internal sealed class FanOutShopBuild : PipelineBuild, IFanOutServices;
