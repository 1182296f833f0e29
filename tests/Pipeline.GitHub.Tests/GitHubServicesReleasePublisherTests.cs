using System.Text;
using Pipeline.Registry;
using Pipeline.Testing.GitHub;
using Pipeline.Version;

namespace Pipeline.GitHub.Tests;

/// <summary>The release of several services (<see cref="GitHubServicesReleaseRequest"/>) against the GitHub API double.</summary>
public sealed class GitHubServicesReleasePublisherTests : IDisposable
{
    private const string Registry = "nexus.example.com:8082";
    private static readonly string[] Services = ["basket-api", "catalog-api", "payments-api"];
    private readonly string _directory = Directory.CreateTempSubdirectory("pipeline-github-services-").FullName;
    private readonly RecordingLogger _logger = new();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task PublishAsync_ThreeServices_NotesListEachImageDigestAndWhatWasDoneAndAttachEachManifest()
    {
        await using var github = await TestData.StartDoubleAsync();

        var result = await Publisher(github).PublishAsync(Request("2.0.0"), CancellationToken.None);

        var expected = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "release-notes-services-2.0.0.md"));
        var release = github.State.Releases.Should().ContainSingle().Subject;
        release.TagName.Should().Be("v2.0.0");
        release.Body!.ReplaceLineEndings("\n").Should().Be(expected.ReplaceLineEndings("\n"));
        github.State.Assets(release).Select(asset => (asset.Name, Encoding.UTF8.GetString(asset.Content))).Should().Equal(
            Services.Select(service => ($"{service}.yaml", ManifestText(service))));
        result.Created.Should().BeTrue();
        result.ManifestAssetUrls.Should().Equal(Services.Select(service => new Uri(github.BaseAddress, $"octo-org/orders/releases/download/v2.0.0/{service}.yaml")));
    }

    [Fact]
    public async Task PublishAsync_ReleaseExists_UpdatesItsNotesAndReplacesEveryManifest()
    {
        await using var github = await TestData.StartDoubleAsync();
        var publisher = Publisher(github);
        var first = await publisher.PublishAsync(Request("2.0.0"), CancellationToken.None);
        var rebuilt = Digest.Parse("sha256:" + new string('f', 64));
        var again = Request("2.0.0");
        again = again with
        {
            Services = [.. again.Services.Select(service => service.Name == "basket-api"
                ? service with { Image = service.Image.WithDigest(rebuilt), Shipment = "built and pushed: changed: src/Basket.Api/Program.cs" }
                : service)],
        };

        var second = await publisher.PublishAsync(again, CancellationToken.None);

        second.Created.Should().BeFalse();
        second.Id.Should().Be(first.Id);
        github.RequestsWith("PATCH").Should().ContainSingle().Which.Path.Should().Be($"/repos/octo-org/orders/releases/{first.Id}");
        github.RequestsWith("DELETE").Should().HaveCount(3, "each service's previous manifest is replaced");
        var release = github.State.Releases.Should().ContainSingle().Subject;
        release.Body.Should().Contain($"| basket-api | `{Registry}/basket-api:v2.0.0` | `{rebuilt}` | built and pushed: changed: src/Basket.Api/Program.cs |")
            .And.NotContain(DigestOf("basket-api").ToString());
        github.State.Assets(release).Select(asset => asset.Name).Should().BeEquivalentTo(Services.Select(service => $"{service}.yaml"));
    }

    [Fact]
    public async Task PublishAsync_AManifestIsMissing_FailsNamingItBeforeAnyRequest()
    {
        await using var github = await TestData.StartDoubleAsync();
        var request = Request("2.0.0");
        File.Delete(request.ManifestPaths[1]);

        var publish = () => Publisher(github).PublishAsync(request, CancellationToken.None);

        var error = (await publish.Should().ThrowAsync<GitHubException>()).Which;
        error.Kind.Should().Be(GitHubFailureKind.ManifestNotFound);
        error.Message.Should().Contain(request.ManifestPaths[1]);
        github.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task PublishAsync_TwoManifestsOfOneName_AreRefusedBeforeAnyRequest()
    {
        await using var github = await TestData.StartDoubleAsync();
        var other = Directory.CreateDirectory(Path.Combine(_directory, "other")).FullName;
        var duplicate = Path.Combine(other, "basket-api.yaml");
        await File.WriteAllTextAsync(duplicate, "kind: Service\n");
        var request = Request("2.0.0");
        request = request with { ManifestPaths = [.. request.ManifestPaths, duplicate] };

        var publish = () => Publisher(github).PublishAsync(request, CancellationToken.None);

        (await publish.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain(duplicate).And.Contain("as basket-api.yaml");
        github.Requests.Should().BeEmpty();
    }

    private GitHubReleasePublisher Publisher(GitHubApiDouble github) => new(TestData.ClientFor(github), _logger);

    private static Digest DigestOf(string service) => Digest.Parse("sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(service))));

    private static string ManifestText(string service) => $"kind: Deployment\nmetadata:\n  name: {service}\n";

    private GitHubServicesReleaseRequest Request(string version)
    {
        var release = ReleaseVersion.Parse(version);
        var manifests = new List<string>();
        foreach (var service in Services)
        {
            var path = Path.Combine(_directory, $"{service}.yaml");
            File.WriteAllText(path, ManifestText(service));
            manifests.Add(path);
        }

        return new GitHubServicesReleaseRequest
        {
            Repository = GitHubRepositoryName.Parse(TestData.Repository),
            Version = release,
            Services =
            [
                Service("basket-api", release, "retagged, no upload: unchanged: src-1a2b3c"),
                Service("catalog-api", release, "built and pushed: changed: src/Catalog.Api/Program.cs"),
                Service("payments-api", release, "retagged, no upload: unchanged: src-4d5e6f"),
            ],
            TargetCommitish = "3f2a9c1",
            ManifestPaths = manifests,
        };
    }

    private static ReleasedService Service(string name, ReleaseVersion release, string shipment) =>
        new(name, ImageReference.Parse($"{Registry}/{name}:{release.ImageTag}@{DigestOf(name)}"), shipment);
}
