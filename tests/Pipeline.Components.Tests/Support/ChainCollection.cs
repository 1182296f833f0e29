namespace Pipeline.Components.Tests.Support;

/// <summary>The end-to-end tests drive one Docker engine on 2 shared cores: they run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class ChainCollection : ICollectionFixture<ChainFixture>
{
    public const string Name = "publish chain";
}
