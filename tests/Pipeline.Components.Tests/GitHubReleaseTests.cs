using Pipeline.Components.Tests.Builds;
using Pipeline.Components.Tests.Support;
using Pipeline.Testing.GitHub;
using Pipeline.Testing.Registries;
using Xunit.Abstractions;
using ApiServerDouble = Pipeline.KubeApiServerDouble.KubeApiServerDouble;

namespace Pipeline.Components.Tests;

/// <summary>
/// GitHubRelease in the chain, against the GitHub API TEST DOUBLE (tests/Pipeline.Testing/GitHub: a loopback server, not
/// GitHub) and the Kubernetes API server double, with a real registry and Docker engine.
/// </summary>
[Collection(ChainCollection.Name)]
public sealed class GitHubReleaseTests(ChainFixture chain, ITestOutputHelper output)
{
    // Shaped like a real token so a leak would be recognisable; accepted only by the double.
    private const string Token = "ghp_TestOnlyTokenForTheLoopbackDouble0123";
    private const string Repository = "octo-org/orders";

    [Fact]
    public async Task GitHubRelease_WithTokenAndCluster_PublishesTheReleaseAndReportsTheDeployment()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });
        await using var cluster = await ApiServerDouble.StartAsync();
        await using var github = await GitHubApiDouble.StartAsync(Token, Repository);
        await using var workspace = new ConsumerWorkspace(chain, registry, output);
        var kubeconfig = cluster.WriteKubeconfig(Path.Combine(workspace.Root, "kubeconfig"));
        var stepSummary = Path.Combine(workspace.Root, "step-summary.md");

        var run = await workspace.RunAsync<GitHubReleaseBuild>(
            ["GitHubRelease", .. workspace.PublishArguments("3.2.1", "--kubeconfig", kubeconfig, "--namespace", "orders-staging")],
            environment: GitHubActions(github, stepSummary));

        run.ExitCode.Should().Be(0, "{0}", run);
        run.StatusOf("GitHubRelease").Should().Be("Succeeded");
        run.StatusOf("GitHubDeploymentStatus").Should().Be("Succeeded");
        var image = $"{workspace.ReleaseImage("3.2.1")}";
        var digest = run.ImageDigest.ToString();
        var release = github.State.Releases.Should().ContainSingle().Subject;
        release.TagName.Should().Be("v3.2.1");
        release.Body.Should().Contain($"`{image}`").And.Contain($"`{digest}`").And.Contain($"docker pull {registry.Host}/{workspace.Artifact}@{digest}");
        var asset = github.State.Assets(release).Should().ContainSingle().Subject;
        asset.Name.Should().Be($"{workspace.Artifact}.yaml");
        asset.Content.Should().Equal(await File.ReadAllBytesAsync(workspace.ManifestFile), "the rendered manifest is attached as written");
        var deployment = github.State.Deployments.Should().ContainSingle().Subject;
        (deployment.Environment, deployment.Ref).Should().Be(("orders-staging", "v3.2.1"));
        deployment.Statuses.Select(status => status.State).Should().Equal("in_progress", "success");
        deployment.Statuses[^1].Description.Should().Contain($"orders-staging/{workspace.Artifact} revision 1 available");
        deployment.Statuses.Should().OnlyContain(status => status.LogUrl == "https://github.example/octo-org/orders/actions/runs/4242");
        github.Requests.Should().OnlyContain(request => request.HasAuthorization, "every call carries the token");
        github.Requests.Select(request => request.BodyText).Should().NotContain(body => body.Contains(Token, StringComparison.Ordinal));
        run.Lines.Should().Contain($"::add-mask::{Token}", "the token is a secret: GitHub masks it in the log");
        run.Lines.Where(line => !line.StartsWith("::add-mask::", StringComparison.Ordinal)).Should().NotContain(line => line.Contains(Token, StringComparison.Ordinal));
        (await File.ReadAllTextAsync(stepSummary)).Should().Contain($"- **Image**: {image}@{digest}", "the step summary gives the pushed image with its digest")
            .And.Contain("| GitHubRelease | Succeeded |");
    }

    [Fact]
    public async Task GitHubRelease_RolloutFails_ReportsFailureOnTheDeployment()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });
        await using var cluster = await ApiServerDouble.StartAsync();
        await using var github = await GitHubApiDouble.StartAsync(Token, Repository);
        await using var workspace = new ConsumerWorkspace(chain, registry, output);
        var kubeconfig = cluster.WriteKubeconfig(Path.Combine(workspace.Root, "kubeconfig"));

        var run = await workspace.RunAsync<NeverReadyGitHubReleaseBuild>(
            ["GitHubRelease", .. workspace.PublishArguments("3.2.1", "--kubeconfig", kubeconfig, "--namespace", "orders-staging", "--rollout-timeout", "5")],
            environment: GitHubActions(github, Path.Combine(workspace.Root, "step-summary.md")));

        run.ExitCode.Should().Be(1, "{0}", run);
        run.StatusOf("Deploy").Should().Be("Failed");
        run.StatusOf("GitHubDeploymentStatus").Should().Be("Succeeded", "it reports the failure even though Deploy failed");
        github.State.Releases.Should().ContainSingle("the release names the pushed image, whatever the rollout did");
        var deployment = github.State.Deployments.Should().ContainSingle().Subject;
        deployment.Statuses.Select(status => status.State).Should().Equal("in_progress", "failure");
    }

    [Fact]
    public async Task GitHubRelease_WithoutToken_IsSkippedWithTheReasonAndTheChainSucceeds()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });
        await using var github = await GitHubApiDouble.StartAsync(Token, Repository);
        await using var workspace = new ConsumerWorkspace(chain, registry, output);
        var environment = GitHubActions(github, Path.Combine(workspace.Root, "step-summary.md"));
        environment.Remove("GITHUB_TOKEN");

        var run = await workspace.RunAsync<GitHubReleaseBuild>(["GitHubRelease", .. workspace.PublishArguments("3.2.1")], environment: environment);

        run.ExitCode.Should().Be(0, "{0}", run);
        run.StatusOf("GitHubRelease").Should().Be("Skipped");
        run.RowOf("GitHubRelease").Should().Contain("no GITHUB_TOKEN");
        run.StatusOf("GitHubDeploymentStatus").Should().Be("Skipped");
        run.StatusOf("Push").Should().Be("Succeeded");
        github.Requests.Should().BeEmpty("nothing is sent to GitHub without a token");
    }

    /// <summary>What a workflow run on GitHub Actions gives the build, pointed at the double.</summary>
    private static Dictionary<string, string> GitHubActions(GitHubApiDouble github, string stepSummary) => new(StringComparer.Ordinal)
    {
        ["GITHUB_ACTIONS"] = "true",
        ["GITHUB_STEP_SUMMARY"] = stepSummary,
        ["GITHUB_TOKEN"] = Token,
        ["GITHUB_API_URL"] = github.BaseAddress.ToString(),
        ["GITHUB_REPOSITORY"] = Repository,
        ["GITHUB_SERVER_URL"] = "https://github.example",
        ["GITHUB_RUN_ID"] = "4242",
    };
}
