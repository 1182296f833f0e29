using System.Text;
using Pipeline.Image;
using Pipeline.Registry;
using Pipeline.Testing.Docker;
using Pipeline.Testing.Registries;

namespace Pipeline.Image.Tests;

[Collection(DockerCollection.Name)]
public sealed class ImagePusherTests(DockerEngineFixture docker) : IAsyncLifetime
{
    private readonly List<string> _tags = [];
    private BuiltImage _image = null!;

    public async Task InitializeAsync()
    {
        var tag = TestImages.UniqueTag("push");
        _tags.Add(tag.ToString());
        _image = await TestImages.BuildTinyAsync(docker, tag);
    }

    public Task DisposeAsync() => TestImages.RemoveAsync(docker, [.. _tags, _image.Id]);

    [Fact]
    public async Task PushAsync_ToPlainHttpRegistry_ReturnsRegistryManifestDigest()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.None });
        var target = await TagForAsync(registry);
        var layers = new List<LayerProgress>();

        var digest = await new ImagePusher(docker.Engine, new CapturingLogger())
            .PushAsync(target, RegistryCredentials.Anonymous, new SynchronousProgress<LayerProgress>(layers.Add), CancellationToken.None);

        using var client = registry.CreateClient();
        var stored = await client.FindAsync(target);
        stored.Should().NotBeNull();
        digest.Should().Be(stored!.Digest);
        layers.Should().Contain(layer => layer.Status == "Pushed" || layer.Status == "Layer already exists");
    }

    [Fact]
    public async Task PushAsync_ToHtpasswdRegistry_ReturnsDigestAndKeepsPasswordOutOfLogs()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });
        var target = await TagForAsync(registry);
        var logger = new CapturingLogger();

        var digest = await new ImagePusher(docker.Engine, logger).PushAsync(target, registry.Credentials, null, CancellationToken.None);

        using var client = registry.CreateClient();
        digest.Should().Be((await client.FindAsync(target))!.Digest);
        ShouldHoldNoSecret(logger.Text, registry.Credentials);
        logger.Text.Should().Contain(registry.Credentials.Username!);
    }

    [Fact]
    public async Task PushAsync_ToTokenAuthRegistry_ReturnsDigestThroughTheTokenIssuer()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Token });
        var target = await TagForAsync(registry);
        var logger = new CapturingLogger();

        var digest = await new ImagePusher(docker.Engine, logger).PushAsync(target, registry.Credentials, null, CancellationToken.None);

        using var client = registry.CreateClient();
        digest.Should().Be((await client.FindAsync(target))!.Digest);
        ShouldHoldNoSecret(logger.Text, registry.Credentials);
    }

    [Fact]
    public async Task PushAsync_ToTlsRegistryWithTestCa_ReturnsTheDigestTheRegistryVerifies()
    {
        // The engine treats 127.0.0.0/8 as insecure (TLS without verification); our registry client, which verifies
        // the digest, trusts the test's CA explicitly.
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd, Tls = true });
        var target = await TagForAsync(registry);

        var digest = await new ImagePusher(docker.Engine, new CapturingLogger()).PushAsync(target, registry.Credentials, null, CancellationToken.None);

        registry.CaCertificatePath.Should().NotBeNull();
        using var client = registry.CreateClient();
        digest.Should().Be((await client.FindAsync(target))!.Digest);
    }

    [Fact]
    public async Task PushAsync_WithWrongPassword_ThrowsUnauthorizedWithoutSecret()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });
        var target = await TagForAsync(registry);
        var wrong = new RegistryCredentials(registry.Credentials.Username!, "wrong-" + Guid.NewGuid().ToString("N"), CredentialSource.Explicit("test"));
        var logger = new CapturingLogger();

        var act = () => new ImagePusher(docker.Engine, logger).PushAsync(target, wrong, null, CancellationToken.None);

        var exception = (await act.Should().ThrowAsync<ImagePushException>()).Which;
        exception.Kind.Should().Be(ImagePushFailureKind.Unauthorized);
        exception.Image.Should().Be(target);
        exception.Message.Should().Contain("unauthorized").And.Contain(registry.Host.ToString()).And.Contain(wrong.Username!).And.Contain("check the user and its password");
        ShouldHoldNoSecret(exception.ToString() + logger.Text, wrong);
    }

    [Fact]
    public async Task PushAsync_WithoutCredentials_ThrowsNoBasicAuthCredentials()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });
        var target = await TagForAsync(registry);

        var act = () => new ImagePusher(docker.Engine, new CapturingLogger()).PushAsync(target, RegistryCredentials.Anonymous, null, CancellationToken.None);

        var exception = (await act.Should().ThrowAsync<ImagePushException>()).Which;
        exception.Kind.Should().Be(ImagePushFailureKind.NoBasicAuthCredentials);
        exception.Message.Should().StartWith("no basic auth credentials").And.Contain("pass the registry user name and the registry password");
    }

    [Fact]
    public async Task PushAsync_ToStoppedRegistry_ThrowsUnreachable()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.None });
        var target = await TagForAsync(registry);
        await registry.StopAsync();

        var act = () => new ImagePusher(docker.Engine, new CapturingLogger()).PushAsync(target, RegistryCredentials.Anonymous, null, CancellationToken.None);

        var exception = (await act.Should().ThrowAsync<ImagePushException>()).Which;
        exception.Kind.Should().Be(ImagePushFailureKind.Unreachable);
        exception.Message.Should().Contain($"cannot reach the registry {registry.Host}").And.Contain("connection refused");
    }

    [Fact]
    public async Task PushAsync_MissingLocalTag_ThrowsLocalImageMissing()
    {
        var target = ImageReference.Parse($"127.0.0.1:1/{TestImages.RepositoryPrefix}absent:{Guid.NewGuid():N}");

        var act = () => new ImagePusher(docker.Engine, new CapturingLogger()).PushAsync(target, RegistryCredentials.Anonymous, null, CancellationToken.None);

        (await act.Should().ThrowAsync<ImagePushException>()).Which.Kind.Should().Be(ImagePushFailureKind.LocalImageMissing);
    }

    private async Task<ImageReference> TagForAsync(RegistryServer registry)
    {
        var target = ImageReference.Parse($"{registry.Host}/{TestImages.RepositoryPrefix}push/app:{Guid.NewGuid():N}");
        await docker.Engine.TagImageAsync(_image.Id, target, CancellationToken.None);
        _tags.Add(target.ToString());
        return target;
    }

    private static void ShouldHoldNoSecret(string text, RegistryCredentials credentials)
    {
        text.Should().NotContain(credentials.Password!);
        text.Should().NotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.Username}:{credentials.Password}")));
        text.Should().NotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials.Password!)));
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
