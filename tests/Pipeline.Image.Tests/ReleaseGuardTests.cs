using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Registry;
using Pipeline.Registry.Http;
using Pipeline.Testing.Registries;

namespace Pipeline.Image.Tests;

public sealed class ReleaseGuardTests
{
    private static readonly ContextFingerprint Built = ContextFingerprint.FromLabel("sha256:" + new string('a', 64))!.Value;
    private static readonly ContextFingerprint Other = ContextFingerprint.FromLabel("sha256:" + new string('b', 64))!.Value;

    [Fact]
    public async Task CheckAsync_WhenTheTagIsAbsent_ReturnsAbsent()
    {
        await using var server = await RegistryServer.StartAsync(new RegistryServerOptions());
        using var client = server.CreateClient();

        var existing = await new ReleaseGuard(client, NullLogger.Instance)
            .CheckAsync(ImageReference.Create(server.Host, "orders", "v3.2.1"), Built, overwrite: false, CancellationToken.None);

        existing.State.Should().Be(ExistingReleaseState.Absent);
        existing.Digest.Should().BeNull();
    }

    [Fact]
    public async Task CheckAsync_WhenTheTagHoldsTheSameFingerprint_ReturnsItsDigest()
    {
        await using var server = await RegistryServer.StartAsync(new RegistryServerOptions());
        var seeded = await server.SeedImageAsync("orders", "v3.2.1", Labels(Built));
        using var client = server.CreateClient();

        var existing = await new ReleaseGuard(client, NullLogger.Instance)
            .CheckAsync(ImageReference.Create(server.Host, "orders", "v3.2.1"), Built, overwrite: false, CancellationToken.None);

        existing.IsSameContent.Should().BeTrue();
        existing.Digest.Should().Be(seeded);
    }

    [Fact]
    public async Task CheckAsync_WhenTheTagHoldsOtherContent_FailsWithTheFix()
    {
        await using var server = await RegistryServer.StartAsync(new RegistryServerOptions());
        await server.SeedImageAsync("orders", "v3.2.1", Labels(Other));
        using var client = server.CreateClient();

        var act = () => new ReleaseGuard(client, NullLogger.Instance)
            .CheckAsync(ImageReference.Create(server.Host, "orders", "v3.2.1"), Built, overwrite: false, CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<ImageBuildException>()).Which;
        failure.Kind.Should().Be(ImageBuildFailureKind.ReleaseExists);
        failure.Message.Should().Contain("v3.2.1 already holds other content in " + server.Host).And.Contain("bump the release version, or pass the overwrite-tag option");
    }

    [Fact]
    public async Task CheckAsync_WhenOverwriteIsAsked_ReportsOtherContentInsteadOfFailing()
    {
        await using var server = await RegistryServer.StartAsync(new RegistryServerOptions());
        var seeded = await server.SeedImageAsync("orders", "v3.2.1", Labels(Other));
        using var client = server.CreateClient();

        var existing = await new ReleaseGuard(client, NullLogger.Instance)
            .CheckAsync(ImageReference.Create(server.Host, "orders", "v3.2.1"), Built, overwrite: true, CancellationToken.None);

        existing.State.Should().Be(ExistingReleaseState.OtherContent);
        existing.Digest.Should().Be(seeded);
    }

    [Fact]
    public async Task CheckAsync_WithAFingerprintStillBeingWorkedOut_AsksTheRegistryMeanwhileAndComparesOnceItIsThere()
    {
        await using var server = await RegistryServer.StartAsync(new RegistryServerOptions());
        var seeded = await server.SeedImageAsync("orders", "v3.2.1", Labels(Built));
        using var signal = new RegistryRequestSignal(request => request.RequestUri!.AbsolutePath == "/v2/orders/manifests/v3.2.1");
        using var client = new RegistryClient(server.Host, server.Credentials, new RegistryClientOptions(), signal, TimeProvider.System);
        var fingerprint = new TaskCompletionSource<ContextFingerprint>(TaskCreationOptions.RunContinuationsAsynchronously);

        var check = new ReleaseGuard(client, NullLogger.Instance)
            .CheckAsync(ImageReference.Create(server.Host, "orders", "v3.2.1"), fingerprint.Task, overwrite: false, CancellationToken.None);

        // The fingerprint is finished only once the registry was asked: a guard that waits for it first never asks.
        await signal.Seen.WaitAsync(TimeSpan.FromSeconds(30));
        check.IsCompleted.Should().BeFalse("there is nothing to compare with yet");
        fingerprint.SetResult(Built);

        var existing = await check;
        existing.IsSameContent.Should().BeTrue();
        existing.Digest.Should().Be(seeded);
    }

    [Fact]
    public async Task CheckAsync_WhenTheRegistryFails_WaitsForThePreparationAndReportsBadInputFirst()
    {
        await using var server = await RegistryServer.StartAsync(new RegistryServerOptions());
        using var client = server.CreateClient();
        await server.StopAsync();
        var release = ImageReference.Create(server.Host, "orders", "v3.2.1");
        var badInput = new TaskCompletionSource<ContextFingerprint>(TaskCreationOptions.RunContinuationsAsynchronously);
        var goodInput = new TaskCompletionSource<ContextFingerprint>(TaskCreationOptions.RunContinuationsAsynchronously);

        var withBadInput = new ReleaseGuard(client, NullLogger.Instance).CheckAsync(release, badInput.Task, overwrite: false, CancellationToken.None);
        var withGoodInput = new ReleaseGuard(client, NullLogger.Instance).CheckAsync(release, goodInput.Task, overwrite: false, CancellationToken.None);
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        withGoodInput.IsCompleted.Should().BeFalse("the preparation still runs: the check does not return while it does");
        badInput.SetException(new ImageBuildException(ImageBuildFailureKind.InvalidInput, "build context '/nowhere' does not exist"));
        goodInput.SetResult(Built);

        (await withBadInput.Awaiting(check => check).Should().ThrowAsync<ImageBuildException>()).Which.Kind.Should().Be(ImageBuildFailureKind.InvalidInput);
        (await withGoodInput.Awaiting(check => check).Should().ThrowAsync<Exception>()).Which.Should().NotBeOfType<ImageBuildException>("the registry's own failure is reported");
    }

    private static Dictionary<string, string> Labels(ContextFingerprint fingerprint) => new() { [ContextFingerprint.LabelName] = fingerprint.Value };
}
