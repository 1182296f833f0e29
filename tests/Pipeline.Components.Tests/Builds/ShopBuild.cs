using Pipeline.Components;
using Pipeline.Engine;

namespace Pipeline.Components.Tests.Builds;

/// <summary>A many-services build: its root (the working directory) is a copy of samples/Shop, whose services it finds; it names no application project.</summary>
internal sealed class ShopBuild : PipelineBuild, IShipServices;
