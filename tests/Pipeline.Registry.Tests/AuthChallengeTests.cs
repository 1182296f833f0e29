using System.Net.Http.Headers;
using Pipeline.Registry.Http;

namespace Pipeline.Registry.Tests;

public class AuthChallengeTests
{
    [Fact]
    public void From_BearerWithQuotedCommas_ParsesEveryParameter()
    {
        var challenge = AuthChallenge.From(new AuthenticationHeaderValue(
            "Bearer",
            "realm=\"https://auth.example.com/token\",service=\"registry.example.com\",scope=\"repository:team/app:pull,push repository:base:pull\",error=\"insufficient_scope\""));

        challenge.IsBearer.Should().BeTrue();
        challenge.Realm.Should().Be("https://auth.example.com/token");
        challenge.Service.Should().Be("registry.example.com");
        challenge.Scopes.Should().Equal("repository:team/app:pull,push", "repository:base:pull");
        challenge.Error.Should().Be("insufficient_scope");
    }

    [Fact]
    public void From_BasicWithUnquotedRealm_IsBasic()
    {
        var challenge = AuthChallenge.From(new AuthenticationHeaderValue("Basic", "realm=Registry"));

        challenge.IsBasic.Should().BeTrue();
        challenge.Realm.Should().Be("Registry");
        challenge.Scopes.Should().BeEmpty();
    }

    [Theory]
    [InlineData("GET", "/v2/team/app/manifests/v1", "repository:team/app:pull")]
    [InlineData("HEAD", "/v2/app/blobs/sha256:abc", "repository:app:pull")]
    [InlineData("POST", "/v2/a/b/c/blobs/uploads/", "repository:a/b/c:pull,push")]
    [InlineData("DELETE", "/v2/app/manifests/sha256:abc", "repository:app:delete")]
    [InlineData("GET", "/v2/_catalog?n=1", "registry:catalog:*")]
    [InlineData("GET", "/v2/", null)]
    public void RegistryScopes_For_DerivesTheScopeTheRegistryWillAskFor(string method, string path, string? scope)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri($"http://127.0.0.1:5000{path}"));

        RegistryScopes.For(request).Should().Be(scope);
    }
}
