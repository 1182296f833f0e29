using Pipeline.Manifests;
using Pipeline.Registry;
using Pipeline.Version;
using Xunit.Abstractions;

namespace Pipeline.Cluster.Tests;

/// <summary>
/// Every kind of <see cref="SupportedKinds"/> goes through Deploy's one generic path against the API-server double:
/// applied, read back (a second apply finds it unchanged), and removed when a failed first release is rolled back.
/// A kind added to the list without the fixture holding it, or with a path the API does not serve, fails here.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SupportedKindsRoundTripTests(ClusterFixture fixture, ITestOutputHelper output)
{
    private static readonly RolloutOptions Fast = new()
    {
        Timeout = TimeSpan.FromSeconds(20),
        PollInterval = TimeSpan.FromMilliseconds(50),
    };

    [Fact]
    public async Task DeployAsync_EverySupportedKind_IsAppliedAndReadBackUnchanged()
    {
        var ns = ClusterFixture.UniqueNamespace("kinds");
        using var client = fixture.CreateClient();
        await fixture.Registry.SeedImageAsync("orders", "v1.0.0");
        var manifests = await EveryKindAsync(ns, "v1.0.0");

        var result = await new ClusterDeployment(client).DeployAsync(manifests, Fast, CancellationToken.None);
        var again = await new ManifestApplier(client).ApplyAsync(manifests);

        result.Applied.Select(item => item.Kind).Should().BeEquivalentTo(
            SupportedKinds.All.Select(kind => kind.Kind), "the fixture holds one object of every supported kind: add one for a new kind");
        result.Applied.Should().OnlyContain(item => item.Change == ApplyChange.Created);
        fixture.ApiServer.Holds(ns).Should().Contain(result.Applied.Select(item => $"{item.Kind}/{item.Name}"));
        again.Should().OnlyContain(item => item.Change == ApplyChange.Unchanged, "reading each object back finds what was applied");
    }

    [Fact]
    public async Task DeployAsync_FailedFirstReleaseOfEverySupportedKind_RemovesEachObject()
    {
        var ns = ClusterFixture.UniqueNamespace("kinds-gone");
        using var client = fixture.CreateClient();
        var manifests = await EveryKindAsync(ns, "v9.9.9");

        var deploy = () => new ClusterDeployment(client).DeployAsync(manifests, Fast, CancellationToken.None);

        var failure = (await deploy.Should().ThrowAsync<RolloutFailedException>()).Which;
        output.WriteLine(failure.Message);
        var removals = failure.Rollback!.Cleanup!.Removals;
        removals.Select(removal => removal.Object.Kind).Should().BeEquivalentTo(SupportedKinds.All.Select(kind => kind.Kind));
        removals.Should().OnlyContain(removal => removal.Outcome == RemovalOutcome.Deleted);
        fixture.ApiServer.Holds(ns).Should().BeEmpty("every object the failed release created is gone");
    }

    private async Task<ManifestSet> EveryKindAsync(string ns, string tag)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "every-supported-kind.yaml");
        var settings = new DeploymentSettings(
            DnsLabel.Parse("orders"), ImageReference.Create(fixture.Registry.Host, "orders", tag), ReleaseVersion.Parse("1.0.0"))
        {
            Namespace = DnsLabel.Parse(ns),
        };
        var yaml = (await File.ReadAllTextAsync(path))
            .Replace("namespace: shop", $"namespace: {ns}", StringComparison.Ordinal)
            .Replace("name: shop", $"name: {ns}", StringComparison.Ordinal);
        return ManifestRenderer.RenderFromManifestText(yaml, path, settings)
            .WithPullSecret(new PullSecret(settings.PullSecretName, settings.Namespace, fixture.Registry.Host, fixture.Registry.Credentials));
    }
}
