using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Image;
using Pipeline.Registry;
using Pipeline.Testing.Registries;
using Pipeline.Version;

namespace Pipeline.Services.Tests;

/// <summary>The changed-only decision and the retag against a real docker-registry on loopback (one per test).</summary>
public sealed class ServiceChangesTests : IAsyncLifetime, IDisposable
{
    private static readonly ReleaseVersion First = ReleaseVersion.Parse("1.0.0");
    private static readonly ReleaseVersion Second = ReleaseVersion.Parse("2.0.0");
    private readonly ShopCopy _shop = new();
    private RegistryServer _server = null!;

    public async Task InitializeAsync() => _server = await RegistryServer.StartAsync(new RegistryServerOptions());

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _shop.Dispose();

    [Fact]
    public async Task DecideAsync_NoImageRecorded_SaysChangedForEveryService()
    {
        using var client = _server.CreateClient();

        var decisions = await new ServiceChanges(client, NullLogger.Instance).DecideAsync(new(await _shop.SourcesAsync(), First), CancellationToken.None);

        decisions.Should().HaveCount(3).And.OnlyContain(decision => decision.State == ServiceChangeState.Changed && decision.Reason == ServiceChangeReason.NoImageForInputs);
        decisions[0].Detail.Should().Be($"changed: no image in {_server.Host}/basket-api is tagged {decisions[0].Source.Fingerprint!.Value.ContentTag}");
        decisions[0].Release.Should().Be(ImageReference.Create(_server.Host, "basket-api", "v1.0.0"));
    }

    [Fact]
    public async Task DecideAsync_ImageRecordedForTheFingerprint_SaysUnchangedWithItsDigest()
    {
        using var client = _server.CreateClient();
        var sources = await _shop.SourcesAsync();
        var catalog = sources.Single(source => source.Service.Artifact.Value == "catalog-api");
        var built = await PushBuiltImageAsync("catalog-api", First);
        var recorded = await new ServiceImages(client, NullLogger.Instance).RecordAsync(catalog, built, CancellationToken.None);

        var decisions = await new ServiceChanges(client, NullLogger.Instance).DecideAsync(new(sources, Second), CancellationToken.None);

        var decision = decisions.Single(decision => decision.Source == catalog);
        decision.State.Should().Be(ServiceChangeState.Unchanged);
        decision.ExistingDigest.Should().Be(built);
        decision.Existing.Should().Be(recorded);
        decision.Existing!.Value.Tag.Should().Be("src-" + catalog.Fingerprint!.Value.Hex);
        decisions.Where(other => other != decision).Should().OnlyContain(other => other.State == ServiceChangeState.Changed);
    }

    [Fact]
    public async Task DecideAsync_SourceChangedAfterTheImageWasRecorded_SaysChanged()
    {
        using var client = _server.CreateClient();
        var payments = (await _shop.SourcesAsync()).Single(source => source.Service.Artifact.Value == "payments-api");
        await new ServiceImages(client, NullLogger.Instance).RecordAsync(payments, await PushBuiltImageAsync("payments-api", First), CancellationToken.None);

        _shop.Replace("src/Payments.Api/Program.cs", "authorised", "approved");
        var decisions = await new ServiceChanges(client, NullLogger.Instance).DecideAsync(new(await _shop.SourcesAsync(), Second), CancellationToken.None);

        decisions.Single(decision => decision.Source.Service.Artifact.Value == "payments-api").Reason.Should().Be(ServiceChangeReason.NoImageForInputs);
    }

    [Fact]
    public async Task DecideAsync_InputsCannotBeTold_SaysChangedWithTheReasonEvenWhenAnImageExists()
    {
        using var client = _server.CreateClient();
        var catalog = (await _shop.SourcesAsync()).Single(source => source.Service.Artifact.Value == "catalog-api");
        await new ServiceImages(client, NullLogger.Instance).RecordAsync(catalog, await PushBuiltImageAsync("catalog-api", First), CancellationToken.None);
        _shop.Replace("src/Catalog.Api/Catalog.Api.csproj", "Include=\"../Shop.Contracts", "Condition=\"'$(Shared)' == 'true'\" Include=\"../Shop.Contracts");

        var decisions = await new ServiceChanges(client, NullLogger.Instance).DecideAsync(new(await _shop.SourcesAsync(), Second), CancellationToken.None);

        var decision = decisions.Single(decision => decision.Source.Service.Artifact.Value == "catalog-api");
        decision.Reason.Should().Be(ServiceChangeReason.CannotTell);
        decision.Detail.Should().StartWith("cannot tell, always built: src/Catalog.Api/Catalog.Api.csproj line 3: the ProjectReference '../Shop.Contracts/Shop.Contracts.csproj' has a Condition");
    }

    [Fact]
    public async Task RetagAsync_NewRelease_PutsTheSameDigestUnderTheNewTagWithoutUploadingABlob()
    {
        using var client = _server.CreateClient();
        var basket = (await _shop.SourcesAsync()).Single(source => source.Service.Artifact.Value == "basket-api");
        var built = await PushBuiltImageAsync("basket-api", First);
        await new ServiceImages(client, NullLogger.Instance).RecordAsync(basket, built, CancellationToken.None);
        var decision = (await new ServiceChanges(client, NullLogger.Instance).DecideAsync(new([basket], Second), CancellationToken.None)).Single();
        var requestsBefore = Requests().Count;
        requestsBefore.Should().BeGreaterThan(0, "the registry's access log holds the pushes so far");

        var retagged = await new ServiceImages(client, NullLogger.Instance).RetagAsync(decision, overwriteTag: false, CancellationToken.None);

        retagged.Tagged.Should().BeTrue();
        retagged.Release.Should().Be(ImageReference.Create(_server.Host, "basket-api", "v2.0.0").WithDigest(built));
        (await client.FindAsync(ImageReference.Create(_server.Host, "basket-api", "v2.0.0")))!.Digest.Should().Be(built);
        var retagRequests = Requests().Skip(requestsBefore).ToList();
        retagRequests.Should().Contain("PUT /v2/basket-api/manifests/v2.0.0", "the registry's access log shows the tag put");
        retagRequests.Should().NotContain(request => request.Contains("/blobs/uploads/", StringComparison.Ordinal), "no blob is uploaded for a retag");
    }

    [Fact]
    public async Task RetagAsync_TagAlreadyHoldsTheSameContent_LeavesIt()
    {
        using var client = _server.CreateClient();
        var basket = (await _shop.SourcesAsync()).Single(source => source.Service.Artifact.Value == "basket-api");
        var built = await PushBuiltImageAsync("basket-api", First);
        await new ServiceImages(client, NullLogger.Instance).RecordAsync(basket, built, CancellationToken.None);
        var decision = (await new ServiceChanges(client, NullLogger.Instance).DecideAsync(new([basket], First), CancellationToken.None)).Single();

        var retagged = await new ServiceImages(client, NullLogger.Instance).RetagAsync(decision, overwriteTag: false, CancellationToken.None);

        retagged.Tagged.Should().BeFalse();
        retagged.Release.Digest.Should().Be(built);
    }

    [Fact]
    public async Task RetagAsync_ReleaseTagHoldsOtherContent_FailsAndLeavesTheTag()
    {
        using var client = _server.CreateClient();
        var basket = (await _shop.SourcesAsync()).Single(source => source.Service.Artifact.Value == "basket-api");
        await new ServiceImages(client, NullLogger.Instance).RecordAsync(basket, await PushBuiltImageAsync("basket-api", First), CancellationToken.None);
        var other = await PushBuiltImageAsync("basket-api", Second, content: "another build");
        var decision = (await new ServiceChanges(client, NullLogger.Instance).DecideAsync(new([basket], Second), CancellationToken.None)).Single();

        var retagging = () => new ServiceImages(client, NullLogger.Instance).RetagAsync(decision, overwriteTag: false, CancellationToken.None);

        (await retagging.Should().ThrowAsync<ImageBuildException>())
            .Where(exception => exception.Kind == ImageBuildFailureKind.ReleaseExists)
            .WithMessage($"v2.0.0 already holds other content in {_server.Host} (basket-api@{other}): bump the release version, or pass the overwrite-tag option");
        (await client.FindAsync(ImageReference.Create(_server.Host, "basket-api", "v2.0.0")))!.Digest.Should().Be(other);
    }

    [Fact]
    public async Task RetagAsync_ChangedService_IsRefused()
    {
        using var client = _server.CreateClient();
        var decision = (await new ServiceChanges(client, NullLogger.Instance).DecideAsync(new(await _shop.SourcesAsync(), Second), CancellationToken.None))[0];

        var retagging = () => new ServiceImages(client, NullLogger.Instance).RetagAsync(decision, overwriteTag: false, CancellationToken.None);

        await retagging.Should().ThrowAsync<ArgumentException>().WithMessage("basket-api is Changed: only an unchanged service keeps its image*");
    }

    // An image as a build pushes it: under v<release>, with the build fingerprint label the release guard compares.
    private Task<Digest> PushBuiltImageAsync(string repository, ReleaseVersion release, string content = "build") =>
        _server.SeedImageAsync(repository, release.ImageTag, new Dictionary<string, string>
        {
            [ContextFingerprint.LabelName] = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(content))),
        });

    private IReadOnlyList<string> Requests() => _server.Requests;
}
