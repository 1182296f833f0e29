namespace Pipeline.Packages.Tests.Support;

/// <summary>The tests that use the packed feed: they share one pack per run.</summary>
[CollectionDefinition(Name)]
public sealed class PackagesCollection : ICollectionFixture<PackedFeedFixture>
{
    public const string Name = "Packed feed";
}
