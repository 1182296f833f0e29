using CliWrap;
using Pipeline.Components.Tests.Builds;
using Pipeline.Components.Tests.Support;
using Pipeline.Engine;
using Pipeline.Testing.GitHub;

namespace Pipeline.Components.Tests;

/// <summary>
/// GitHubRelease run on its own (<c>--skip</c> with no names: only the named target) on an already rendered manifest,
/// against the GitHub API TEST DOUBLE (tests/Pipeline.Testing/GitHub, a loopback server, not GitHub). No Docker needed.
/// </summary>
public sealed class GitHubReleaseAloneTests : IAsyncLifetime
{
    private const string Token = "ghp_TestOnlyTokenForTheLoopbackDouble0123";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "pipeline-components-e2e", Guid.NewGuid().ToString("N"));
    private GitHubApiDouble _github = null!;

    public async Task InitializeAsync()
    {
        _github = await GitHubApiDouble.StartAsync(Token, "octo-org/orders");
        Directory.CreateDirectory(Path.Combine(_root, ".pipeline"));
        Directory.CreateDirectory(Path.Combine(_root, "home"));
        Directory.CreateDirectory(Path.Combine(_root, "artifacts", "k8s"));
        await File.WriteAllTextAsync(Path.Combine(_root, "artifacts", "k8s", "orders-api.yaml"), "kind: Deployment\n");
        await Cli.Wrap("git").WithArguments(["init", "--quiet"]).WithWorkingDirectory(_root).ExecuteAsync();
        await Cli.Wrap("git").WithArguments(["remote", "add", "origin", "git@github.com:octo-org/orders.git"]).WithWorkingDirectory(_root).ExecuteAsync();
    }

    [Fact]
    public async Task GitHubRelease_WithoutGitHubRepository_TakesTheRepositoryFromTheOriginRemote()
    {
        var run = await RunAsync(Token);

        run.ExitCode.Should().Be(0, "{0}", run);
        run.StatusOf("GitHubRelease").Should().Be("Succeeded");
        run.StatusOf("GitHubDeploymentStatus").Should().Be("Skipped", "without a cluster no deployment is opened");
        var release = _github.State.Releases.Should().ContainSingle().Subject;
        (release.Repository, release.TagName).Should().Be(("octo-org/orders", "v1.2.3"));
        release.Body.Should().Contain("`localhost:5000/orders-api:v1.2.3`").And.Contain("| Digest | not recorded |");
        _github.State.Assets(release).Should().ContainSingle().Which.Name.Should().Be("orders-api.yaml");
        _github.State.Deployments.Should().BeEmpty();
    }

    [Fact]
    public async Task GitHubRelease_TokenRejected_FailsNamingTheVariableAndTheFix()
    {
        var run = await RunAsync("ghp_NotTheTokenTheDoubleAccepts000000000");

        run.ExitCode.Should().Be(1, "{0}", run);
        run.StatusOf("GitHubRelease").Should().Be("Failed");
        run.Output.Should().Contain("GitHub answered 401").And.Contain("set GITHUB_TOKEN to a valid, unexpired token");
        run.Output.Should().NotContain("ghp_NotTheTokenTheDoubleAccepts000000000");
        _github.State.Releases.Should().BeEmpty();
    }

    [Fact]
    public async Task GitHubDeploymentStatus_DeployNotRun_ReportsInactiveNotFailure()
    {
        // A cluster is configured (its server is never contacted), so GitHubRelease opens a deployment; Deploy is not
        // among the targets run, so the deployment was never carried out: inactive, not a failed rollout.
        var kubeconfig = Path.Combine(_root, "kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, """
            apiVersion: v1
            kind: Config
            clusters: [{name: c, cluster: {server: "https://127.0.0.1:9"}}]
            users: [{name: u, user: {token: unused}}]
            contexts: [{name: x, context: {cluster: c, user: u}}]
            current-context: x
            """);

        var run = await RunAsync(Token, ["GitHubDeploymentStatus", "--kubeconfig", kubeconfig]);

        run.ExitCode.Should().Be(0, "{0}", run);
        run.StatusOf("GitHubDeploymentStatus").Should().Be("Succeeded");
        var deployment = _github.State.Deployments.Should().ContainSingle().Subject;
        deployment.Statuses.Select(status => status.State).Should().Equal("in_progress", "inactive");
    }

    public async Task DisposeAsync()
    {
        await _github.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    private async Task<ChainRun> RunAsync(string token, IReadOnlyList<string>? moreArguments = null)
    {
        using var output = new StringWriter();
        var exitCode = await PipelineBuild.ExecuteAsync<GitHubReleaseBuild>(
            ["GitHubRelease", .. moreArguments ?? [], "--skip", "--release", "1.2.3", "--artifact", "orders-api"],
            new BuildHostContext
            {
                Output = output,
                Environment = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["HOME"] = Path.Combine(_root, "home"),
                    ["GITHUB_TOKEN"] = token,
                    ["GITHUB_API_URL"] = _github.BaseAddress.ToString(),
                },
                WorkingDirectory = _root,
            });
        return new ChainRun(exitCode, output.ToString());
    }
}
