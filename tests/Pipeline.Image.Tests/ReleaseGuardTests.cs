using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Registry;
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
        failure.Message.Should().Contain("v3.2.1 already holds other content in " + server.Host).And.Contain("bump --release, or pass --overwrite-tag");
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

    private static Dictionary<string, string> Labels(ContextFingerprint fingerprint) => new() { [ContextFingerprint.LabelName] = fingerprint.Value };
}
