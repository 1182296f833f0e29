namespace Pipeline.Engine.Tests.Builds;

internal enum BuildConfiguration
{
    Debug,
    Release,
}
