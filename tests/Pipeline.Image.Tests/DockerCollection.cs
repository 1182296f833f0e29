using Pipeline.Testing.Docker;

namespace Pipeline.Image.Tests;

/// <summary>Tests that drive the real engine share one connection and run one at a time (2 shared cores).</summary>
[CollectionDefinition(Name)]
public sealed class DockerCollection : ICollectionFixture<DockerEngineFixture>
{
    public const string Name = "docker engine";
}
