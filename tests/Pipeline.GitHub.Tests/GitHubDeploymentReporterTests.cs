using System.Text.Json.Nodes;
using Pipeline.Testing.GitHub;

namespace Pipeline.GitHub.Tests;

public sealed class GitHubDeploymentReporterTests
{
    private readonly RecordingLogger _logger = new();

    [Fact]
    public async Task CreateAsync_AsksForNoStatusChecksAndNoMerge()
    {
        await using var github = await TestData.StartDoubleAsync();

        var deployment = await Reporter(github).CreateAsync(Request(), CancellationToken.None);

        var create = github.Requests.Should().ContainSingle().Which;
        create.ToString().Should().Be("POST /repos/octo-org/orders/deployments");
        create.HasAuthorization.Should().BeTrue();
        create.Json["ref"]!.GetValue<string>().Should().Be("v7.10.1");
        create.Json["environment"]!.GetValue<string>().Should().Be("orders-staging");
        create.Json["description"]!.GetValue<string>().Should().Be("nexus.example.com:8082/team/orders:v7.10.1");
        create.Json["required_contexts"].Should().BeOfType<JsonArray>().Which.Should().BeEmpty();
        create.Json["auto_merge"]!.GetValue<bool>().Should().BeFalse();
        deployment.Should().Be(new GitHubDeployment(
            GitHubRepositoryName.Parse(TestData.Repository), github.State.Deployments.Single().Id, "orders-staging", "v7.10.1"));
    }

    [Fact]
    public async Task ReportAsync_SendsInProgressThenSuccessWithTheEnvironmentUrl()
    {
        await using var github = await TestData.StartDoubleAsync();
        var reporter = Reporter(github);
        var deployment = await reporter.CreateAsync(Request(), CancellationToken.None);

        await reporter.ReportAsync(deployment, new GitHubDeploymentStatus(GitHubDeploymentState.InProgress, "rolling out 3 replicas"), CancellationToken.None);
        await reporter.ReportAsync(deployment, new GitHubDeploymentStatus(
            GitHubDeploymentState.Success, "3/3 replicas ready", new Uri("https://orders.staging.example.com/"), new Uri("https://ci.example.com/runs/42")),
            CancellationToken.None);

        var statuses = github.Requests.Skip(1).ToList();
        statuses.Select(r => r.ToString()).Should().AllBe($"POST /repos/octo-org/orders/deployments/{deployment.Id}/statuses");
        statuses[0].Json["state"]!.GetValue<string>().Should().Be("in_progress");
        statuses[0].Json["description"]!.GetValue<string>().Should().Be("rolling out 3 replicas");
        statuses[0].Json.ContainsKey("environment_url").Should().BeFalse();
        statuses[1].Json["state"]!.GetValue<string>().Should().Be("success");
        statuses[1].Json["environment_url"]!.GetValue<string>().Should().Be("https://orders.staging.example.com/");
        statuses[1].Json["log_url"]!.GetValue<string>().Should().Be("https://ci.example.com/runs/42");
        github.State.Deployments.Single().Statuses.Select(s => s.State).Should().Equal("in_progress", "success");
    }

    [Fact]
    public async Task ReportAsync_SendsFailureWithItsDescription()
    {
        await using var github = await TestData.StartDoubleAsync();
        var reporter = Reporter(github);
        var deployment = await reporter.CreateAsync(Request(), CancellationToken.None);

        await reporter.ReportAsync(deployment, new GitHubDeploymentStatus(GitHubDeploymentState.Failure, "ImagePullBackOff: rolled back to revision 4"), CancellationToken.None);

        var status = github.Requests[^1].Json;
        status["state"]!.GetValue<string>().Should().Be("failure");
        status["description"]!.GetValue<string>().Should().Be("ImagePullBackOff: rolled back to revision 4");
        _logger.Text.Should().Contain($"GitHub deployment {deployment.Id} to orders-staging: Failure");
    }

    [Fact]
    public async Task ReportAsync_ShortensDescriptionsToWhatGitHubKeeps()
    {
        await using var github = await TestData.StartDoubleAsync();
        var reporter = Reporter(github);
        var deployment = await reporter.CreateAsync(Request(), CancellationToken.None);

        await reporter.ReportAsync(deployment, new GitHubDeploymentStatus(GitHubDeploymentState.Failure, new string('x', 300)), CancellationToken.None);

        var description = github.Requests[^1].Json["description"]!.GetValue<string>();
        description.Should().HaveLength(GitHubDeploymentReporter.MaxDescriptionLength).And.EndWith("…");
    }

    [Fact]
    public async Task ReportAsync_OnAnUnknownDeployment_FailsAsNotFound()
    {
        await using var github = await TestData.StartDoubleAsync();
        var unknown = new GitHubDeployment(GitHubRepositoryName.Parse(TestData.Repository), 999, "orders-staging", "v7.10.1");

        var report = () => Reporter(github).ReportAsync(unknown, new GitHubDeploymentStatus(GitHubDeploymentState.Success), CancellationToken.None);

        (await report.Should().ThrowAsync<GitHubException>()).Which.Kind.Should().Be(GitHubFailureKind.NotFound);
    }

    [Fact]
    public async Task CreateAndReport_NeverLogTheToken()
    {
        await using var github = await TestData.StartDoubleAsync();
        var reporter = Reporter(github);

        var deployment = await reporter.CreateAsync(Request(), CancellationToken.None);
        await reporter.ReportAsync(deployment, new GitHubDeploymentStatus(GitHubDeploymentState.Success), CancellationToken.None);

        _logger.Lines.Should().HaveCount(2);
        _logger.Text.Should().NotContain(TestData.Token);
    }

    private GitHubDeploymentReporter Reporter(GitHubApiDouble github) => new(TestData.ClientFor(github), _logger);

    private static GitHubDeploymentRequest Request() => new()
    {
        Repository = GitHubRepositoryName.Parse(TestData.Repository),
        Environment = "orders-staging",
        Ref = "v7.10.1",
        Description = "nexus.example.com:8082/team/orders:v7.10.1",
    };
}
