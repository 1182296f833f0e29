using Pipeline.Registry;
using Pipeline.Testing.Registries;

namespace Pipeline.Image.Tests;

public sealed class PushVerifierTests
{
    [Fact]
    public async Task VerifyAsync_WhenTheTagResolvesToThePushedDigest_Passes()
    {
        await using var server = await RegistryServer.StartAsync(new RegistryServerOptions());
        var pushed = await server.SeedImageAsync("orders", "v1.0.0");
        using var client = server.CreateClient();
        var logger = new CapturingLogger();

        await new PushVerifier(client, logger).VerifyAsync(ImageReference.Create(server.Host, "orders", "v1.0.0"), pushed, "the engine", CancellationToken.None);

        logger.Text.Should().Contain($"Verified {server.Host}/orders:v1.0.0 resolves to {pushed}");
    }

    [Fact]
    public async Task VerifyAsync_WhenTheTagHoldsAnotherDigest_FailsNamingBoth()
    {
        await using var server = await RegistryServer.StartAsync(new RegistryServerOptions());
        var other = await server.SeedImageAsync("orders", "v1.0.0", new Dictionary<string, string> { ["raced"] = "yes" });
        var pushed = Digest.ComputeSha256("what the pusher reported"u8);
        using var client = server.CreateClient();

        var act = () => new PushVerifier(client, new CapturingLogger()).VerifyAsync(ImageReference.Create(server.Host, "orders", "v1.0.0"), pushed, "Pipeline's direct builder", CancellationToken.None);

        var thrown = await act.Should().ThrowAsync<ImagePushException>();
        thrown.Which.Kind.Should().Be(ImagePushFailureKind.VerificationFailed);
        thrown.Which.Message.Should().Contain($"Pipeline's direct builder pushed {server.Host}/orders:v1.0.0 as {pushed}, but the registry resolves it to {other}");
    }

    [Fact]
    public async Task VerifyAsync_WhenTheRegistryLacksTheTag_Fails()
    {
        await using var server = await RegistryServer.StartAsync(new RegistryServerOptions());
        using var client = server.CreateClient();

        var act = () => new PushVerifier(client, new CapturingLogger()).VerifyAsync(ImageReference.Create(server.Host, "orders", "v1.0.0"), Digest.ComputeSha256("x"u8), "the engine", CancellationToken.None);

        (await act.Should().ThrowAsync<ImagePushException>()).Which.Message.Should().Contain("but the registry does not know the tag");
    }
}
