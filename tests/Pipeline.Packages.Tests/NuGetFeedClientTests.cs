using Pipeline.Components.Packages;
using Pipeline.Packages.Tests.NuGetFeed;

namespace Pipeline.Packages.Tests;

public sealed class NuGetFeedClientTests : IDisposable
{
    private const string ApiKey = "oy2-test-key-0123456789";
    private readonly string _directory = Directory.CreateTempSubdirectory("pipeline-nuget-client-").FullName;

    [Fact]
    public async Task PushAsync_RightKey_SendsMultipartWithKeyHeaderAndFeedStoresIt()
    {
        await using var feed = await NuGetFeedDouble.StartAsync(ApiKey);
        using var client = new NuGetFeedClient(NuGetSource.Parse(feed.ServiceIndex.ToString()), ApiKey);

        var outcome = await client.PushAsync(TestPackage.Write(_directory, "Contoso.Tools", "1.2.3"), skipDuplicate: false, CancellationToken.None);

        outcome.Should().Be(PackagePushOutcome.Pushed);
        var push = feed.Pushes.Should().ContainSingle().Subject;
        push.ApiKey.Should().Be(ApiKey);
        push.ContentType.Should().StartWith("multipart/form-data");
        feed.Packages.Values.Should().ContainSingle().Which.Should().Match<StoredPackage>(p => p.Id == "Contoso.Tools" && p.Version == "1.2.3" && p.Resource == "package");
    }

    [Fact]
    public async Task PushAsync_WrongKey_ThrowsUnauthorizedNamingTheVariableAndNotTheKey()
    {
        await using var feed = await NuGetFeedDouble.StartAsync(ApiKey);
        using var client = new NuGetFeedClient(NuGetSource.Parse(feed.ServiceIndex.ToString()), "wrong-key-987");

        var push = () => client.PushAsync(TestPackage.Write(_directory, "Contoso.Tools", "1.2.3"), skipDuplicate: false, CancellationToken.None);

        var failure = (await push.Should().ThrowAsync<NuGetFeedException>()).Which;
        failure.Kind.Should().Be(NuGetFeedFailureKind.Unauthorized);
        failure.Message.Should().Contain("401").And.Contain("NUGET_API_KEY").And.Contain("Contoso.Tools.1.2.3.nupkg").And.NotContain("wrong-key-987");
        feed.Packages.Should().BeEmpty();
    }

    [Fact]
    public async Task PushAsync_VersionAlreadyOnFeed_ThrowsAlreadyExistsWithTheFix()
    {
        await using var feed = await NuGetFeedDouble.StartAsync(ApiKey);
        using var client = new NuGetFeedClient(NuGetSource.Parse(feed.ServiceIndex.ToString()), ApiKey);
        var package = TestPackage.Write(_directory, "Contoso.Tools", "2.0.0");
        await client.PushAsync(package, skipDuplicate: false, CancellationToken.None);

        var again = () => client.PushAsync(package, skipDuplicate: false, CancellationToken.None);

        var failure = (await again.Should().ThrowAsync<NuGetFeedException>()).Which;
        failure.Kind.Should().Be(NuGetFeedFailureKind.AlreadyExists);
        failure.Message.Should().Contain("already holds Contoso.Tools.2.0.0.nupkg").And.Contain("--skip-duplicate").And.Contain("already exists");
    }

    [Fact]
    public async Task PushAsync_VersionAlreadyOnFeedWithSkipDuplicate_ReportsSkipped()
    {
        await using var feed = await NuGetFeedDouble.StartAsync(ApiKey);
        using var client = new NuGetFeedClient(NuGetSource.Parse(feed.ServiceIndex.ToString()), ApiKey);
        var package = TestPackage.Write(_directory, "Contoso.Tools", "2.0.0");
        await client.PushAsync(package, skipDuplicate: true, CancellationToken.None);

        var outcome = await client.PushAsync(package, skipDuplicate: true, CancellationToken.None);

        outcome.Should().Be(PackagePushOutcome.SkippedDuplicate);
        feed.Pushes.Should().HaveCount(2);
    }

    [Fact]
    public async Task PushAsync_SymbolPackage_GoesToTheSymbolResourceOrIsNotSentWhenTheFeedHasNone()
    {
        var symbols = TestPackage.Write(_directory, "Contoso.Tools", "3.0.0", ".snupkg");
        await using var withSymbols = await NuGetFeedDouble.StartAsync(ApiKey);
        await using var withoutSymbols = await NuGetFeedDouble.StartAsync(ApiKey, acceptsSymbols: false);
        using var symbolClient = new NuGetFeedClient(NuGetSource.Parse(withSymbols.ServiceIndex.ToString()), ApiKey);
        using var plainClient = new NuGetFeedClient(NuGetSource.Parse(withoutSymbols.ServiceIndex.ToString()), ApiKey);

        (await symbolClient.PushAsync(symbols, skipDuplicate: false, CancellationToken.None)).Should().Be(PackagePushOutcome.Pushed);
        (await plainClient.PushAsync(symbols, skipDuplicate: false, CancellationToken.None)).Should().Be(PackagePushOutcome.SymbolsNotAccepted);

        withSymbols.Packages.Values.Should().ContainSingle().Which.Resource.Should().Be("symbolpackage");
        withoutSymbols.Pushes.Should().BeEmpty();
    }

    [Fact]
    public async Task PushAsync_NoServiceIndexAtTheSource_ThrowsUnreachableNamingTheParameter()
    {
        await using var feed = await NuGetFeedDouble.StartAsync(ApiKey);
        var wrongIndex = new Uri(feed.ServiceIndex, "/v3/missing.json");
        using var client = new NuGetFeedClient(NuGetSource.Parse(wrongIndex.ToString()), ApiKey);

        var push = () => client.PushAsync(TestPackage.Write(_directory, "Contoso.Tools", "1.0.0"), skipDuplicate: false, CancellationToken.None);

        var failure = (await push.Should().ThrowAsync<NuGetFeedException>()).Which;
        failure.Kind.Should().Be(NuGetFeedFailureKind.Unreachable);
        failure.Message.Should().Contain("404").And.Contain("--nuget-source");
        feed.Pushes.Should().BeEmpty();
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
