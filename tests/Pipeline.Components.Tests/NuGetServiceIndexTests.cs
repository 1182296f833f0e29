using Pipeline.Components.Packages;

namespace Pipeline.Components.Tests;

/// <summary>The API key goes only where the feed's own origin or HTTPS takes it.</summary>
public sealed class NuGetServiceIndexTests
{
    private static readonly NuGetSource Feed = NuGetSource.Parse("http://127.0.0.1:5555/v3/index.json");

    private static string Index(string publish) =>
        $$"""{ "version": "3.0.0", "resources": [ { "@id": "{{publish}}", "@type": "PackagePublish/2.0.0" } ] }""";

    [Theory]
    [InlineData("http://127.0.0.1:5555/api/v2/package")]
    [InlineData("https://push.example.com/api/v2/package")]
    public void Parse_PublishOnTheFeedsOriginOrOverHttps_IsUsed(string publish) =>
        NuGetServiceIndex.Parse(Feed, Index(publish)).PackagePublish.Should().Be(new Uri(publish));

    [Theory]
    [InlineData("http://127.0.0.2:5555/api/v2/package")]
    [InlineData("http://127.0.0.1:5556/api/v2/package")]
    [InlineData("http://push.example.com/api/v2/package")]
    public void Parse_PublishOverHttpOnAnotherOrigin_IsRefusedBeforeTheKeyIsSent(string publish)
    {
        var parse = () => NuGetServiceIndex.Parse(Feed, Index(publish));

        parse.Should().Throw<NuGetFeedException>().Where(failure => failure.Kind == NuGetFeedFailureKind.InsecurePublishUrl)
            .WithMessage($"*{publish}*plain HTTP on another origin*HTTPS*");
    }
}
