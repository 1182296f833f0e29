using Pipeline.Registry;

namespace Pipeline.Services.Tests;

/// <summary>The image half of a many-services run, against a real loopback registry and the real SDK (<see cref="ShipmentRuns"/>).</summary>
public sealed class ServiceShipmentTests(ShipmentRuns runs) : IClassFixture<ShipmentRuns>
{
    private static readonly string[] Services = ["basket-api", "catalog-api", "payments-api"];

    [Fact]
    public async Task ShipAsync_FirstRun_BuildsAndPushesEveryServiceWithItsContentTag()
    {
        var run = runs.First;

        run.Result.Services.Select(service => service.Name).Should().Equal(Services);
        run.Result.Services.Should().OnlyContain(service => service.Action == ServiceShipmentAction.BuiltAndPushed, "{0}", string.Join('\n', run.LogEntries));
        run.Publishes.Should().BeEquivalentTo(["Basket.Api", "Catalog.Api", "Payments.Api"]);
        foreach (var service in run.Result.Services)
        {
            service.Image!.Value.Tag.Should().Be("v1.0.0");
            (await runs.DigestOfAsync(service.Name, "v1.0.0")).Should().Be(service.Digest);
            (await runs.DigestOfAsync(service.Name, service.Decision.Source.Fingerprint!.Value.ContentTag)).Should().Be(service.Digest, "the content tag records what {0} was built from", service.Name);
        }
    }

    [Fact]
    public void ShipAsync_ChangedServicesSharingAProject_BuildItOnceThenPublishWithoutBuildingIt()
    {
        var run = runs.First;

        run.Builds.Should().Equal(["Shop.Contracts"], "catalog-api and basket-api both reference it");
        run.DotNetRuns[0].Verb.Should().Be("build", "the shared project is built before any service publishes");
        run.PublishOf("Catalog.Api").Should().Contain("--no-dependencies");
        run.PublishOf("Basket.Api").Should().Contain("--no-dependencies");
        run.PublishOf("Payments.Api").Should().NotContain("--no-dependencies", "it references no project");
        run.Block("shared projects").Should().Contain("Built once for the services that reference them: Shop.Contracts.csproj");
        runs.OneChanged.Builds.Should().BeEmpty("one changed service shares its references with no other changed one");
    }

    [Fact]
    public async Task ShipAsync_NothingChanged_PublishesNothingAndRetagsEveryImageWithoutUploading()
    {
        var run = runs.Unchanged;

        run.DotNetRuns.Should().BeEmpty("no service changed, so dotnet never runs");
        run.Result.Services.Should().OnlyContain(service => service.Action == ServiceShipmentAction.Retagged && service.Decision.State == ServiceChangeState.Unchanged);
        run.Requests.Should().NotContain(request => request.Contains("/blobs/uploads/", StringComparison.Ordinal), "a retag moves no blob");
        foreach (var service in run.Result.Services)
        {
            service.Digest.Should().Be(runs.First.Service(service.Name).Digest);
            (await runs.DigestOfAsync(service.Name, "v2.0.0")).Should().Be(service.Digest);
        }
    }

    [Fact]
    public void ShipAsync_OneServiceChanged_PublishesAndPushesOnlyIt()
    {
        var run = runs.OneChanged;

        run.Publishes.Should().Equal("Payments.Api");
        run.Service("payments-api").Action.Should().Be(ServiceShipmentAction.BuiltAndPushed);
        run.Service("payments-api").Decision.Reason.Should().Be(ServiceChangeReason.NoImageForInputs);
        run.Service("payments-api").Digest.Should().NotBe(runs.First.Service("payments-api").Digest);
        run.Service("basket-api").Action.Should().Be(ServiceShipmentAction.Retagged);
        run.Service("catalog-api").Action.Should().Be(ServiceShipmentAction.Retagged);
        run.Requests.Where(request => request.StartsWith("POST", StringComparison.Ordinal) && request.Contains("/blobs/uploads/", StringComparison.Ordinal))
            .Should().NotBeEmpty().And.OnlyContain(request => request.Contains("/v2/payments-api/", StringComparison.Ordinal), "only the changed service uploads");
    }

    [Fact]
    public async Task ShipAsync_OneServiceFails_ReportsItsReasonAndShipsTheOthers()
    {
        var run = runs.OneBroken;

        var catalog = run.Service("catalog-api");
        catalog.Action.Should().Be(ServiceShipmentAction.Failed);
        catalog.Image.Should().BeNull();
        catalog.Error.Should().Contain("missing-terms.txt");
        run.Result.Failed.Should().Equal(catalog);
        run.Service("basket-api").Action.Should().Be(ServiceShipmentAction.Retagged);
        run.Service("payments-api").Action.Should().Be(ServiceShipmentAction.Retagged);
        (await runs.DigestOfAsync("basket-api", "v4.0.0")).Should().Be(run.Service("basket-api").Digest);
        (await runs.DigestOfAsync("catalog-api", "v4.0.0")).Should().BeNull("a failed service leaves no release tag");
    }

    [Fact]
    public void ShipAsync_ServicesSideBySide_LogOneBlockPerService()
    {
        var run = runs.First;

        foreach (var name in Services)
        {
            var blocks = run.LogEntries.Where(entry => entry.StartsWith(name + ":\n", StringComparison.Ordinal)).ToList();
            blocks.Should().ContainSingle("{0}'s lines come out as one block", name);
            blocks[0].Should().Contain("Verified").And.Contain($"{runs.Registry}/{name}:v1.0.0");
            run.LogEntries.Except(blocks).Should().NotContain(entry => entry.Contains($"Verified {runs.Registry}/{name}:", StringComparison.Ordinal), "no line of {0} is written outside its block", name);
        }
    }

    [Fact]
    public void ShipAsync_ServicesPushingSideBySide_ReportEachLayerToTheirOwnProgressAndLogItInTheirOwnBlock()
    {
        var run = runs.First;

        run.Layers.Select(layer => layer.Service).Distinct().Should().BeEquivalentTo(Services, "every service that builds gets its own progress sink");
        foreach (var name in Services)
        {
            var finished = run.Layers.Where(layer => layer.Service == name && layer.Status != "Preparing" && layer.Status != "Pushing").ToList();
            finished.Should().NotBeEmpty("{0} pushed its layers through its own sink", name);
            var block = run.Block(name);
            foreach (var layer in finished)
            {
                block.Should().Contain($"  layer {layer.LayerId}: {layer.Status}", "{0}'s layer lines stay in its block", name);
            }
        }
    }

    [Fact]
    public void ShipAsync_OneServiceChanged_ShowsOnlyItsLayers()
    {
        runs.OneChanged.Layers.Should().NotBeEmpty().And.OnlyContain(layer => layer.Service == "payments-api", "a retag pushes no layer");
    }
}
