using Pipeline.Registry;

namespace Pipeline.GitHub.Tests;

public sealed class GitHubRepositoryNameTests
{
    [Fact]
    public void Parse_ReadsOwnerAndName()
    {
        var name = GitHubRepositoryName.Parse("octo-org/orders.api");

        name.Owner.Should().Be("octo-org");
        name.Name.Should().Be("orders.api");
        name.ToString().Should().Be("octo-org/orders.api");
    }

    [Fact]
    public void Parse_WorksThroughIParsable()
    {
        static T ParseAny<T>(string text) where T : IParsable<T> => T.Parse(text, provider: null);

        ParseAny<GitHubRepositoryName>("octo-org/orders").Should().Be(GitHubRepositoryName.Parse("Octo-Org/Orders"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("orders")]
    [InlineData("octo-org/orders/extra")]
    [InlineData("-octo/orders")]
    [InlineData("octo-org/..")]
    [InlineData("octo-org/has space")]
    [InlineData("octo org/orders")]
    public void Parse_RejectsWhatIsNotOwnerSlashName(string text)
    {
        var parse = () => GitHubRepositoryName.Parse(text);

        parse.Should().Throw<GitHubException>()
            .Which.Kind.Should().Be(GitHubFailureKind.InvalidRepositoryName);
        GitHubRepositoryName.TryParse(text, out _).Should().BeFalse();
    }

    [Fact]
    public void Parse_NamesTheInputAndTheFix()
    {
        var parse = () => GitHubRepositoryName.Parse("orders");

        parse.Should().Throw<GitHubException>().WithMessage("'orders'*owner/name*");
    }

    [Theory]
    [InlineData("https://github.com/octo-org/orders")]
    [InlineData("https://github.com/octo-org/orders.git")]
    [InlineData("https://github.com/octo-org/orders/")]
    [InlineData("HTTPS://GitHub.com/octo-org/orders.git")]
    [InlineData("https://x-access-token:ghs_secret@github.com/octo-org/orders.git")]
    [InlineData("git@github.com:octo-org/orders.git")]
    [InlineData("git@github.com:octo-org/orders")]
    [InlineData("ssh://git@github.com/octo-org/orders.git")]
    [InlineData("ssh://git@github.com:22/octo-org/orders.git")]
    [InlineData("  git@github.com:octo-org/orders.git\n")]
    public void FromRemote_ReadsGitHubRemotes(string remote)
    {
        GitHubRepositoryName.FromRemote(remote).Should().Be(GitHubRepositoryName.Parse("octo-org/orders"));
    }

    [Theory]
    [InlineData("https://github.example.com/platform/orders.git")]
    [InlineData("git@github.example.com:platform/orders.git")]
    public void FromRemote_ReadsEnterpriseRemotesOnTheGivenHost(string remote)
    {
        GitHubRepositoryName.FromRemote(remote, "github.example.com").ToString().Should().Be("platform/orders");
    }

    [Theory]
    [InlineData("https://gitlab.com/octo-org/orders.git", "host 'gitlab.com' is not github.com")]
    [InlineData("/srv/git/orders.git", "neither a URL")]
    [InlineData("git@github.com:octo-org/orders/extra.git", "owner/name")]
    [InlineData("https://github.com/octo-org", "owner/name")]
    [InlineData("", "empty")]
    public void FromRemote_RejectsOtherRemotesNamingTheFix(string remote, string reason)
    {
        var read = () => GitHubRepositoryName.FromRemote(remote);

        var error = read.Should().Throw<GitHubException>().Which;
        error.Kind.Should().Be(GitHubFailureKind.UnrecognizedRemote);
        error.Message.Should().Contain(reason).And.Contain("GITHUB_REPOSITORY=owner/name");
    }

    [Fact]
    public void FromRemote_NeverEchoesCredentialsOfTheRemote()
    {
        var read = () => GitHubRepositoryName.FromRemote("https://ci:ghp_SecretInRemote@gitlab.example.com/octo-org/orders.git");

        var error = read.Should().Throw<GitHubException>().Which;
        error.Message.Should().NotContain("ghp_SecretInRemote").And.Contain("https://gitlab.example.com/octo-org/orders.git");
    }

    [Fact]
    public void Resolve_PrefersGitHubRepository()
    {
        var environment = new Dictionary<string, string> { ["GITHUB_REPOSITORY"] = "octo-org/orders" };

        GitHubRepositoryName.Resolve(ProcessEnvironment.From(environment), "git@github.com:someone/fork.git").ToString().Should().Be("octo-org/orders");
    }

    [Fact]
    public void Resolve_FallsBackToTheOriginRemote()
    {
        GitHubRepositoryName.Resolve(ProcessEnvironment.Empty, "git@github.com:octo-org/orders.git")
            .ToString().Should().Be("octo-org/orders");
    }

    [Fact]
    public void Resolve_ReadsEnterpriseRemotesOnTheServerUrlHost()
    {
        var environment = new Dictionary<string, string> { ["GITHUB_SERVER_URL"] = "https://github.example.com" };

        GitHubRepositoryName.Resolve(ProcessEnvironment.From(environment), "https://github.example.com/platform/orders.git")
            .ToString().Should().Be("platform/orders");
    }

    [Fact]
    public void Resolve_WithoutVariableOrRemote_SaysWhatToSet()
    {
        var resolve = () => GitHubRepositoryName.Resolve(ProcessEnvironment.Empty, originRemote: null);

        resolve.Should().Throw<GitHubException>().WithMessage("*GITHUB_REPOSITORY is not set*origin remote*");
    }
}
