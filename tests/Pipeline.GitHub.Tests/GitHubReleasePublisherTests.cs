using System.Text;
using Pipeline.Testing.GitHub;
using Pipeline.Registry;
using Pipeline.Version;

namespace Pipeline.GitHub.Tests;

public sealed class GitHubReleasePublisherTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pipeline-github-").FullName;
    private readonly RecordingLogger _logger = new();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task PublishAsync_CreatesTheReleaseWhenItIsAbsent()
    {
        await using var github = await TestData.StartDoubleAsync();
        var request = Request("7.10.1");

        var result = await Publisher(github).PublishAsync(request, CancellationToken.None);

        github.Requests.Select(r => r.ToString()).Should().Equal(
            "GET /repos/octo-org/orders/releases/tags/v7.10.1",
            "POST /repos/octo-org/orders/releases");
        var body = github.Requests[1].Json;
        body["tag_name"]!.GetValue<string>().Should().Be("v7.10.1");
        body["name"]!.GetValue<string>().Should().Be("v7.10.1");
        body["target_commitish"]!.GetValue<string>().Should().Be("3f2a9c1");
        body["prerelease"]!.GetValue<bool>().Should().BeFalse();
        body["draft"]!.GetValue<bool>().Should().BeFalse();
        body["body"]!.GetValue<string>().Should()
            .Contain("`nexus.example.com:8082/team/orders:v7.10.1`")
            .And.Contain($"`{TestData.ImageDigest}`")
            .And.Contain($"docker pull nexus.example.com:8082/team/orders@{TestData.ImageDigest}")
            .And.Contain("`3f2a9c1`");
        result.Created.Should().BeTrue();
        result.TagName.Should().Be("v7.10.1");
        result.Id.Should().Be(github.State.Releases.Single().Id);
        result.Url.Should().Be(new Uri(github.BaseAddress, "octo-org/orders/releases/tag/v7.10.1"));
        result.ManifestAssetUrl.Should().BeNull();
    }

    [Fact]
    public async Task PublishAsync_WritesNotesNamingImageDigestPullLineAndRevision()
    {
        await using var github = await TestData.StartDoubleAsync();
        var request = Request("7.10.1") with { ManifestPath = Manifest("orders.yaml", "kind: Deployment\n") };

        await Publisher(github).PublishAsync(request, CancellationToken.None);

        var expected = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "release-notes-7.10.1.md"));
        var notes = github.RequestsWith("POST")[0].Json["body"]!.GetValue<string>();
        notes.ReplaceLineEndings("\n").Should().Be(expected.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task PublishAsync_SendsTheTokenOnEveryRequest()
    {
        await using var github = await TestData.StartDoubleAsync();

        await Publisher(github).PublishAsync(Request("7.10.1") with { ManifestPath = Manifest("orders.yaml", "kind: Deployment") }, CancellationToken.None);

        github.Requests.Should().HaveCount(4).And.OnlyContain(r => r.HasAuthorization);
        github.Requests.Should().OnlyContain(r => r.Headers["User-Agent"].StartsWith(GitHubConnection.ProductName, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PublishAsync_MarksAPreReleaseVersionAsPrerelease()
    {
        await using var github = await TestData.StartDoubleAsync();

        await Publisher(github).PublishAsync(Request("1.0.0-rc.1"), CancellationToken.None);

        var create = github.RequestsWith("POST").Single();
        create.Json["tag_name"]!.GetValue<string>().Should().Be("v1.0.0-rc.1");
        create.Json["prerelease"]!.GetValue<bool>().Should().BeTrue();
        github.State.Releases.Single().Prerelease.Should().BeTrue();
    }

    [Fact]
    public async Task PublishAsync_UpdatesTheExistingReleaseInsteadOfCreatingASecond()
    {
        await using var github = await TestData.StartDoubleAsync();
        var publisher = Publisher(github);
        var first = await publisher.PublishAsync(Request("7.10.1"), CancellationToken.None);
        var rebuiltDigest = Digest.Parse("sha256:" + new string('b', 64));

        var second = await publisher.PublishAsync(Request("7.10.1") with { Digest = rebuiltDigest }, CancellationToken.None);

        github.Requests.Skip(2).Select(r => r.ToString()).Should().Equal(
            "GET /repos/octo-org/orders/releases/tags/v7.10.1",
            $"PATCH /repos/octo-org/orders/releases/{first.Id}");
        github.RequestsWith("POST").Should().ContainSingle();
        var update = github.Requests[3].Json;
        update["body"]!.GetValue<string>().Should().Contain(rebuiltDigest.ToString());
        update.ContainsKey("tag_name").Should().BeFalse("the tag of an existing release stays as it is");
        second.Created.Should().BeFalse();
        second.Id.Should().Be(first.Id);
        github.State.Releases.Should().ContainSingle().Which.Body.Should().Contain(rebuiltDigest.ToString())
            .And.NotContain(TestData.ImageDigest.ToString());
    }

    [Fact]
    public async Task PublishAsync_AttachesTheManifestToTheUploadUrl()
    {
        await using var github = await TestData.StartDoubleAsync();
        var manifest = Manifest("orders.yaml", "apiVersion: apps/v1\nkind: Deployment\n");

        var result = await Publisher(github).PublishAsync(Request("7.10.1") with { ManifestPath = manifest }, CancellationToken.None);

        var releaseId = github.State.Releases.Single().Id;
        var upload = github.Requests[^1];
        upload.Method.Should().Be("POST");
        upload.Path.Should().Be($"/uploads/repos/octo-org/orders/releases/{releaseId}/assets");
        upload.Query.Should().Be("?name=orders.yaml");
        upload.Headers["Content-Type"].Should().Be("application/yaml");
        upload.BodyText.Should().Be("apiVersion: apps/v1\nkind: Deployment\n");
        github.Requests[1].Json["body"]!.GetValue<string>().Should().Contain("attached as `orders.yaml`");
        result.ManifestAssetUrl.Should().Be(new Uri(github.BaseAddress, "octo-org/orders/releases/download/v7.10.1/orders.yaml"));
    }

    [Fact]
    public async Task PublishAsync_ReplacesTheAssetOfTheSameNameOnARerun()
    {
        await using var github = await TestData.StartDoubleAsync();
        var publisher = Publisher(github);
        var manifest = Manifest("orders.yaml", "replicas: 1\n");
        await publisher.PublishAsync(Request("7.10.1") with { ManifestPath = manifest }, CancellationToken.None);
        var firstAsset = github.State.Releases.Single().Assets.Single();
        await File.WriteAllTextAsync(manifest, "replicas: 3\n");

        await publisher.PublishAsync(Request("7.10.1") with { ManifestPath = manifest }, CancellationToken.None);

        var releaseId = github.State.Releases.Single().Id;
        github.Requests.Skip(4).Select(r => r.ToString()).Should().Equal(
            "GET /repos/octo-org/orders/releases/tags/v7.10.1",
            $"PATCH /repos/octo-org/orders/releases/{releaseId}",
            $"GET /repos/octo-org/orders/releases/{releaseId}/assets",
            $"DELETE /repos/octo-org/orders/releases/assets/{firstAsset.Id}",
            $"POST /uploads/repos/octo-org/orders/releases/{releaseId}/assets");
        var asset = github.State.Releases.Single().Assets.Should().ContainSingle().Which;
        asset.Name.Should().Be("orders.yaml");
        Encoding.UTF8.GetString(asset.Content).Should().Be("replicas: 3\n");
        _logger.Text.Should().Contain("Replacing asset orders.yaml of release v7.10.1");
    }

    [Fact]
    public async Task PublishAsync_KeepsAssetsWithOtherNames()
    {
        await using var github = await TestData.StartDoubleAsync();
        var publisher = Publisher(github);
        await publisher.PublishAsync(Request("7.10.1") with { ManifestPath = Manifest("sbom.json", "{}") }, CancellationToken.None);

        await publisher.PublishAsync(Request("7.10.1") with { ManifestPath = Manifest("orders.yaml", "kind: Service\n") }, CancellationToken.None);

        github.RequestsWith("DELETE").Should().BeEmpty();
        github.State.Releases.Single().Assets.Select(a => (a.Name, a.ContentType)).Should()
            .BeEquivalentTo([("sbom.json", "application/json"), ("orders.yaml", "application/yaml")]);
    }

    [Fact]
    public async Task PublishAsync_WithoutDigest_SaysThePullIsNotPinned()
    {
        await using var github = await TestData.StartDoubleAsync();

        await Publisher(github).PublishAsync(Request("7.10.1") with { Digest = null, TargetCommitish = null }, CancellationToken.None);

        var create = github.RequestsWith("POST").Single().Json;
        create.ContainsKey("target_commitish").Should().BeFalse();
        create["body"]!.GetValue<string>().Should()
            .Contain("| Digest | not recorded |")
            .And.Contain("| Revision | not recorded |")
            .And.Contain("not pinned")
            .And.Contain("docker pull nexus.example.com:8082/team/orders:v7.10.1\n");
    }

    [Fact]
    public async Task PublishAsync_WithMissingManifest_FailsBeforeAnyRequest()
    {
        await using var github = await TestData.StartDoubleAsync();
        var missing = Path.Combine(_directory, "not-rendered.yaml");

        var publish = () => Publisher(github).PublishAsync(Request("7.10.1") with { ManifestPath = missing }, CancellationToken.None);

        var error = (await publish.Should().ThrowAsync<GitHubException>()).Which;
        error.Kind.Should().Be(GitHubFailureKind.ManifestNotFound);
        error.Message.Should().Contain(missing).And.Contain("Render");
        github.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task PublishAsync_WithRejectedToken_FailsAsUnauthorizedWithoutTheToken()
    {
        await using var github = await TestData.StartDoubleAsync();
        const string wrongToken = "ghp_WrongTokenThatTheDoubleRejects000000";
        var publisher = new GitHubReleasePublisher(TestData.ClientFor(github, wrongToken), _logger);

        var publish = () => publisher.PublishAsync(Request("7.10.1"), CancellationToken.None);

        var error = (await publish.Should().ThrowAsync<GitHubException>()).Which;
        error.Kind.Should().Be(GitHubFailureKind.Unauthorized);
        error.Message.Should().Contain("401").And.Contain("GITHUB_TOKEN").And.Contain("octo-org/orders");
        error.ToString().Should().NotContain(wrongToken);
        github.RequestsWith("POST").Should().BeEmpty();
    }

    [Fact]
    public async Task PublishAsync_ToAnUnknownRepository_FailsAsNotFound()
    {
        await using var github = await TestData.StartDoubleAsync();
        var request = Request("7.10.1") with { Repository = GitHubRepositoryName.Parse("octo-org/missing") };

        var publish = () => Publisher(github).PublishAsync(request, CancellationToken.None);

        var error = (await publish.Should().ThrowAsync<GitHubException>()).Which;
        error.Kind.Should().Be(GitHubFailureKind.NotFound);
        error.Message.Should().Contain("octo-org/missing").And.Contain("GITHUB_REPOSITORY");
    }

    [Fact]
    public async Task PublishAsync_NeverLogsTheToken()
    {
        await using var github = await TestData.StartDoubleAsync();
        var publisher = Publisher(github);
        var request = Request("7.10.1") with { ManifestPath = Manifest("orders.yaml", "kind: Deployment\n") };

        await publisher.PublishAsync(request, CancellationToken.None);
        await publisher.PublishAsync(request, CancellationToken.None);

        _logger.Lines.Should().Contain(line => line.Contains("Created GitHub release v7.10.1 in octo-org/orders", StringComparison.Ordinal))
            .And.Contain(line => line.Contains("Updated GitHub release v7.10.1", StringComparison.Ordinal));
        _logger.Text.Should().NotContain(TestData.Token);
    }

    [Fact]
    public async Task PublishAsync_WhenCancelled_StopsBeforeCallingGitHub()
    {
        await using var github = await TestData.StartDoubleAsync();
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        var publish = () => Publisher(github).PublishAsync(Request("7.10.1"), cancellation.Token);

        await publish.Should().ThrowAsync<OperationCanceledException>();
        github.Requests.Should().BeEmpty();
    }

    private GitHubReleasePublisher Publisher(GitHubApiDouble github) => new(TestData.ClientFor(github), _logger);

    private static GitHubReleaseRequest Request(string version)
    {
        var release = ReleaseVersion.Parse(version);
        return new GitHubReleaseRequest
        {
            Repository = GitHubRepositoryName.Parse(TestData.Repository),
            Version = release,
            Image = TestData.Image(release),
            Digest = TestData.ImageDigest,
            TargetCommitish = "3f2a9c1",
        };
    }

    private string Manifest(string fileName, string content)
    {
        var path = Path.Combine(_directory, fileName);
        File.WriteAllText(path, content);
        return path;
    }
}
