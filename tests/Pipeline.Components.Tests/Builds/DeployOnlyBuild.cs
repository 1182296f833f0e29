using Pipeline.Components;
using Pipeline.Engine;

namespace Pipeline.Components.Tests.Builds;

/// <summary>A consuming build that takes Render and Deploy alone: no project, no Compile, Image or Push; it deploys the image it is given.</summary>
internal sealed class DeployOnlyBuild : PipelineBuild, IDeploy;
