namespace Pipeline.Engine.Tests.Builds;

/// <summary>Shaped like the real chain: every target and parameter comes from component interfaces.</summary>
[DefaultTarget(nameof(IDeployStage.Deploy))]
internal sealed class ChainBuild : PipelineBuild, IDeployStage, ICleanImagesStage;
