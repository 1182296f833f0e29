using Microsoft.Extensions.Logging;

namespace Pipeline.Engine.Tests.Builds;

/// <summary>A producer component and a consumer that needs it only when present (TryDependsOn) or always (DependsOn).</summary>
internal interface IProduceImage : IPipelineBuild
{
    Target ProduceImage => _ => _.Executes(() => Log.LogInformation("ran ProduceImage"));
}

internal interface IRenderFromAnyImage : IPipelineBuild
{
    Target RenderAny => _ => _
        .TryDependsOn<IProduceImage>(x => x.ProduceImage)
        .Executes(() => Log.LogInformation("ran RenderAny"));
}

internal interface IRenderOwnImage : IPipelineBuild
{
    Target RenderOwn => _ => _
        .DependsOn<IProduceImage>(x => x.ProduceImage)
        .Executes(() => Log.LogInformation("ran RenderOwn"));
}

[DefaultTarget("RenderAny")]
internal sealed class RenderOnlyBuild : PipelineBuild, IRenderFromAnyImage;

[DefaultTarget("RenderAny")]
internal sealed class ProduceAndRenderBuild : PipelineBuild, IProduceImage, IRenderFromAnyImage;

[DefaultTarget("RenderOwn")]
internal sealed class MissingProducerBuild : PipelineBuild, IRenderOwnImage;
