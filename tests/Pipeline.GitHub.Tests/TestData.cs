using Octokit;
using Pipeline.Testing.GitHub;
using Pipeline.Registry;
using Pipeline.Version;

namespace Pipeline.GitHub.Tests;

/// <summary>The values the tests share, and a client pointed at the double the way a build would point it.</summary>
internal static class TestData
{
    // Shaped like a real token so a leak would be recognisable; accepted only by the double.
    public const string Token = "ghp_TestOnlyTokenForTheLoopbackDouble0123";

    public const string Repository = "octo-org/orders";

    public static readonly Digest ImageDigest = Digest.Parse("sha256:" + new string('a', 64));

    public static ImageReference Image(ReleaseVersion version) =>
        ImageReference.Parse($"nexus.example.com:8082/team/orders:{version.ImageTag}");

    public static Task<GitHubApiDouble> StartDoubleAsync() => GitHubApiDouble.StartAsync(Token, Repository);

    public static GitHubClient ClientFor(GitHubApiDouble github, string token = Token)
    {
        var environment = new Dictionary<string, string>
        {
            [GitHubConnection.TokenVariable] = token,
            [GitHubConnection.ApiUrlVariable] = github.BaseAddress.ToString(),
        };
        return GitHubConnection.TryCreate(ProcessEnvironment.From(environment), out var reason)
            ?? throw new InvalidOperationException($"no client: {reason}");
    }
}
