using System.Text;
using Pipeline.Registry.Http;
using Pipeline.Testing.Registries;

namespace Pipeline.Registry.Tests;

/// <summary>A registry that sends its clients to another origin gets its credentials used only on itself.</summary>
public class HostileRegistryTests
{
    [Fact]
    public async Task ListRepositoriesAsync_LinkToAnotherOrigin_FollowsItWithoutCredentials()
    {
        await using var elsewhere = await OriginRecorder.StartAsync(OriginRecorder.Json("{\"repositories\":[\"elsewhere/app\"]}"));
        await using var registry = await HostileRegistry.StartAsync(new HostileRegistryOptions { CatalogNextPage = new Uri(elsewhere.Origin, "v2/_catalog?n=100&last=hostile/app") });
        using var client = CreateClient(registry);

        var repositories = await client.Repositories.ListRepositoriesAsync();

        repositories.Should().Equal("hostile/app", "elsewhere/app");
        elsewhere.Requests.Should().ContainSingle().Which.Authorization.Should().BeNull();
        registry.Requests.Should().Contain(request => request.PathAndQuery.StartsWith("/v2/_catalog", StringComparison.Ordinal) && request.Authorization == registry.BasicAuthorization);
    }

    [Fact]
    public async Task ListRepositoriesAsync_LinkToAnotherOriginThatChallenges_FailsWithForeignOriginAndSendsNoCredentials()
    {
        await using var elsewhere = await OriginRecorder.StartAsync(OriginRecorder.BasicChallenge);
        await using var registry = await HostileRegistry.StartAsync(new HostileRegistryOptions { CatalogNextPage = new Uri(elsewhere.Origin, "v2/_catalog?last=hostile/app") });
        using var client = CreateClient(registry);

        var list = () => client.Repositories.ListRepositoriesAsync();

        var failure = await list.Should().ThrowAsync<RegistryException>();
        failure.Which.Kind.Should().Be(RegistryFailureKind.ForeignOrigin);
        failure.Which.Message.Should().Contain(elsewhere.Origin.Authority).And.Contain($"goes only to {registry.Host}");
        elsewhere.Requests.Should().ContainSingle().Which.Authorization.Should().BeNull();
    }

    [Fact]
    public async Task ListRepositoriesAsync_LinkRepeatsAPage_FailsInsteadOfLooping()
    {
        await using var registry = await HostileRegistry.StartAsync(new HostileRegistryOptions { CatalogLinksToItself = true });
        using var client = CreateClient(registry);

        var list = () => client.Repositories.ListRepositoriesAsync();

        var failure = await list.Should().ThrowAsync<RegistryException>();
        failure.Which.Message.Should().Contain("/v2/_catalog?n=100&last=hostile/app").And.Contain("already sent");
        registry.Requests.Count(request => request.PathAndQuery.StartsWith("/v2/_catalog", StringComparison.Ordinal)).Should().BeLessThan(5);
    }

    [Fact]
    public async Task GetAsync_BlobRedirectedToStorage_ReadsItWithoutCredentials()
    {
        var blob = Encoding.UTF8.GetBytes("layer bytes kept in object storage");
        await using var storage = await OriginRecorder.StartAsync(OriginRecorder.Bytes(blob));
        await using var registry = await HostileRegistry.StartAsync(new HostileRegistryOptions { BlobRedirect = new Uri(storage.Origin, "storage/blob?signature=abc") });
        using var client = CreateClient(registry);

        var content = await client.Blobs.GetAsync("hostile/app", Digest.ComputeSha256(blob));

        content.ToArray().Should().Equal(blob);
        storage.Requests.Should().ContainSingle().Which.Authorization.Should().BeNull();
    }

    [Fact]
    public async Task GetAsync_StorageAsksForCredentials_DoesNotAnswerItsChallenge()
    {
        await using var storage = await OriginRecorder.StartAsync(OriginRecorder.BasicChallenge);
        await using var registry = await HostileRegistry.StartAsync(new HostileRegistryOptions { BlobRedirect = new Uri(storage.Origin, "storage/blob") });
        using var client = CreateClient(registry);

        var get = () => client.Blobs.GetAsync("hostile/app", Digest.ComputeSha256([1, 2, 3]));

        var failure = await get.Should().ThrowAsync<RegistryException>();
        failure.Which.Kind.Should().Be(RegistryFailureKind.ForeignOrigin);
        storage.Requests.Should().ContainSingle().Which.Authorization.Should().BeNull();
    }

    [Fact]
    public async Task UploadAsync_LocationOnAnotherOrigin_SendsNoCredentialsThere()
    {
        await using var elsewhere = await OriginRecorder.StartAsync(OriginRecorder.BasicChallenge);
        await using var registry = await HostileRegistry.StartAsync(new HostileRegistryOptions { UploadLocation = new Uri(elsewhere.Origin, "upload/5f0c") });
        using var client = CreateClient(registry);
        byte[] blob = [4, 5, 6];

        var upload = () => client.Blobs.UploadAsync("hostile/app", Digest.ComputeSha256(blob), blob);

        var failure = await upload.Should().ThrowAsync<RegistryException>();
        failure.Which.Kind.Should().Be(RegistryFailureKind.ForeignOrigin);
        elsewhere.Requests.Should().ContainSingle().Which.Should().Match<ReceivedRequest>(request => request.Method == "PUT" && request.Authorization == null);
        registry.Requests.Should().Contain(request => request.Method == "POST" && request.Authorization == registry.BasicAuthorization);
    }

    [Fact]
    public async Task PingAsync_TokenRealmOverHttpOnAnotherHost_RefusesToSendTheLogin()
    {
        await using var registry = await HostileRegistry.StartAsync(new HostileRegistryOptions { TokenRealm = new Uri("http://auth.example.test/token") });
        using var client = CreateClient(registry);

        var ping = () => client.PingAsync();

        var failure = await ping.Should().ThrowAsync<RegistryException>();
        failure.Which.Kind.Should().Be(RegistryFailureKind.InsecureTokenRealm);
        failure.Which.Message.Should().Contain("http://auth.example.test/token").And.Contain("HTTPS").And.NotContain(registry.Options.Password);
    }

    [Fact]
    public async Task PingAsync_TokenRealmOnAnotherLoopbackOrigin_GetsTheLoginAndTheRegistryTheToken()
    {
        await using var realm = await OriginRecorder.StartAsync(OriginRecorder.Json("{\"token\":\"hostile-token\"}"));
        await using var registry = await HostileRegistry.StartAsync(new HostileRegistryOptions { TokenRealm = new Uri(realm.Origin, "token") });
        using var client = CreateClient(registry);

        var endpoint = await client.PingAsync();

        endpoint.AuthenticationScheme.Should().Be("Bearer");
        realm.Requests.Should().ContainSingle().Which.Authorization.Should().Be(registry.BasicAuthorization);
        registry.Requests.Should().Contain(request => request.Authorization == "Bearer hostile-token");
    }

    private static RegistryClient CreateClient(HostileRegistry registry) =>
        new(registry.Host, registry.Credentials, new RegistryClientOptions { Scheme = RegistryScheme.Http });
}
