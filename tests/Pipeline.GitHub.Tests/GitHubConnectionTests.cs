using Octokit;
using Pipeline.Registry;

namespace Pipeline.GitHub.Tests;

public sealed class GitHubConnectionTests
{
    [Fact]
    public void TryCreate_WithoutToken_ReturnsNullWithReason()
    {
        var client = GitHubConnection.TryCreate(ProcessEnvironment.From(new Dictionary<string, string> { ["GITHUB_API_URL"] = "https://api.github.com" }), out var reason);

        client.Should().BeNull();
        reason.Should().Be("no GITHUB_TOKEN");
    }

    [Fact]
    public void TryCreate_WithBlankToken_ReturnsNull()
    {
        var client = GitHubConnection.TryCreate(ProcessEnvironment.From(new Dictionary<string, string> { ["GITHUB_TOKEN"] = "  " }), out var reason);

        client.Should().BeNull();
        reason.Should().Be("no GITHUB_TOKEN");
    }

    [Fact]
    public void TryCreate_WithToken_AuthenticatesWithItAgainstApiGitHubCom()
    {
        var client = GitHubConnection.TryCreate(ProcessEnvironment.From(new Dictionary<string, string> { ["GITHUB_TOKEN"] = TestData.Token }), out var reason);

        client.Should().NotBeNull();
        reason.Should().BeEmpty();
        client!.BaseAddress.Should().Be(new Uri("https://api.github.com/"));
        client.Credentials.AuthenticationType.Should().Be(AuthenticationType.Oauth);
        client.Credentials.Password.Should().Be(TestData.Token);
    }

    [Fact]
    public void TryCreate_WithApiUrl_PointsAtGitHubEnterprise()
    {
        var environment = new Dictionary<string, string>
        {
            ["GITHUB_TOKEN"] = TestData.Token,
            ["GITHUB_API_URL"] = "https://github.example.com/api/v3",
        };

        GitHubConnection.TryCreate(ProcessEnvironment.From(environment), out _)!.BaseAddress.Should().Be(new Uri("https://github.example.com/api/v3/"));
    }

    [Fact]
    public void TryCreate_ExplicitAddress_WinsOverApiUrl()
    {
        var environment = new Dictionary<string, string>
        {
            ["GITHUB_TOKEN"] = TestData.Token,
            ["GITHUB_API_URL"] = "https://github.example.com/api/v3",
        };

        GitHubConnection.TryCreate(ProcessEnvironment.From(environment), new Uri("http://127.0.0.1:9/"), out _)!
            .BaseAddress.Should().Be(new Uri("http://127.0.0.1:9/api/v3/"));
    }

    [Theory]
    [InlineData("http://github.example.com/api/v3")]
    [InlineData("http://10.0.0.5/api/v3")]
    public void TryCreate_WithPlainHttpToAnotherHost_RefusesToSendTheToken(string apiUrl)
    {
        var environment = new Dictionary<string, string> { ["GITHUB_TOKEN"] = TestData.Token, ["GITHUB_API_URL"] = apiUrl };

        var create = () => GitHubConnection.TryCreate(ProcessEnvironment.From(environment), out _);

        var error = create.Should().Throw<GitHubException>().Which;
        error.Kind.Should().Be(GitHubFailureKind.InvalidApiAddress);
        error.Message.Should().Contain("plain HTTP to another host").And.Contain("https://").And.NotContain(TestData.Token);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://github.example.com/api/v3")]
    [InlineData("https://ci:ghp_SecretInApiUrl@github.example.com/api/v3")]
    public void TryCreate_WithInvalidApiUrl_ThrowsWithoutEchoingSecrets(string apiUrl)
    {
        var environment = new Dictionary<string, string> { ["GITHUB_TOKEN"] = TestData.Token, ["GITHUB_API_URL"] = apiUrl };

        var create = () => GitHubConnection.TryCreate(ProcessEnvironment.From(environment), out _);

        var error = create.Should().Throw<GitHubException>().Which;
        error.Kind.Should().Be(GitHubFailureKind.InvalidApiAddress);
        error.Message.Should().Contain("GITHUB_API_URL").And.NotContain("ghp_SecretInApiUrl").And.NotContain(TestData.Token);
    }
}
