using System.Net;
using Pipeline.Registry;
using Pipeline.Registry.Http;
using Pipeline.RegistryHosting;
using Pipeline.Testing.Registries;

namespace Pipeline.RegistryHosting.Tests;

/// <summary>
/// Proof that the rendered registry works: the real docker-registry runs the ConfigMap's config.yml and the
/// htpasswd Secret's content, with only the address, storage root and htpasswd path changed for this machine.
/// </summary>
public sealed class RenderedRegistryTests : IClassFixture<RenderedRegistryTests.RunningRegistry>
{
    private const string Repository = "team/orders-api";
    private readonly RunningRegistry _registry;

    public RenderedRegistryTests(RunningRegistry registry) => _registry = registry;

    [Fact]
    public async Task PushAsync_WithTheRenderedUsersCredentials_StoresTheImage()
    {
        using var client = _registry.CreateClient(HostingSamples.User);
        var image = TestImage.Create("pushed with the rendered htpasswd");

        var digest = await image.PushAsync(client, Repository, "v1.0.0");

        digest.Should().Be(image.ManifestDigest);
        var found = await client.FindAsync(ImageReference.Create(client.Registry, Repository, "v1.0.0"));
        found!.Digest.Should().Be(image.ManifestDigest);
    }

    [Fact]
    public async Task PushAsync_WithAWrongPassword_IsRefusedAsUnauthorized()
    {
        using var client = _registry.CreateClient(new RegistryCredentials(HostingSamples.User.Username!, "not-the-password", CredentialSource.Explicit("test")));

        var push = () => TestImage.Create("refused").PushAsync(client, Repository, "refused");

        (await push.Should().ThrowAsync<RegistryException>()).Which.Kind.Should().Be(RegistryFailureKind.Unauthorized);
    }

    [Fact]
    public async Task DeleteAsync_ByDigest_RemovesTheTagBecauseTheRenderedConfigEnablesDeletes()
    {
        using var client = _registry.CreateClient(HostingSamples.User);
        var image = TestImage.Create("to be deleted");
        var digest = await image.PushAsync(client, Repository, "v0.9.0");
        var tagged = ImageReference.Create(client.Registry, Repository, "v0.9.0");

        var deleted = await client.DeleteAsync(ImageReference.Create(client.Registry, Repository, digest));

        deleted.Should().Be(digest);
        (await client.FindAsync(tagged)).Should().BeNull();
    }

    [Fact]
    public async Task ReadinessProbe_RenderedPathAnswers200WithoutCredentialsWhileV2Answers401()
    {
        var probe = _registry.Rendered.Deployment.Spec.Template.Spec.Containers[0].ReadinessProbe.HttpGet;
        using var http = new HttpClient();

        using var probed = await http.GetAsync(new Uri(_registry.Process.BaseUri, probe.Path));
        using var api = await http.GetAsync(new Uri(_registry.Process.BaseUri, "v2/"));

        // The kubelet counts 200-399 as ready: the rendered probe passes, a /v2/ probe never would.
        ((int)probed.StatusCode).Should().BeInRange(200, 399);
        api.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public void RunningConfig_DiffersFromTheRenderedOneOnlyInAddressStorageAndHtpasswdPath()
    {
        string[][] unchanged = [["storage", "delete", "enabled"], ["auth", "htpasswd", "realm"], ["log", "level"], ["version"]];
        foreach (var path in unchanged)
        {
            RegistryConfigRewrite.Read(_registry.Process.ConfigYaml, path).Should().Be(RegistryConfigRewrite.Read(_registry.Rendered.RegistryConfigYaml, path));
        }

        RegistryConfigRewrite.Read(_registry.Process.ConfigYaml, "http", "addr").Should().Be(_registry.Process.Host.ToString());
    }

    /// <summary>One rendered registry for the class: rendering, hashing and starting once keeps the tests fast.</summary>
    public sealed class RunningRegistry : IAsyncLifetime
    {
        public HostedRegistry Rendered { get; } = RegistryDeploymentRenderer.Render(HostingSamples.Registry);

        public RegistryServer Process { get; private set; } = null!;

        public RegistryClient CreateClient(RegistryCredentials credentials) =>
            new(Process.Host, credentials, new RegistryClientOptions { Scheme = RegistryScheme.Http });

        public async Task InitializeAsync()
        {
            var htpasswd = Rendered.Secrets.Single().Data["htpasswd"];
            Process = await RegistryServer.StartFromConfigAsync(RegistryConfigRewrite.ConfigFile(Rendered.RegistryConfigYaml, htpasswd));
        }

        public async Task DisposeAsync()
        {
            if (Process is not null)
            {
                await Process.DisposeAsync();
            }
        }
    }
}
