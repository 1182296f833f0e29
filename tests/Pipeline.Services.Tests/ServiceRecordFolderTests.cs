using Pipeline.Engine;
using Pipeline.Manifests;
using Pipeline.Registry;
using Pipeline.Services.Recording;

namespace Pipeline.Services.Tests;

public sealed class ServiceRecordFolderTests : IDisposable
{
    private const string PinnedImage = "127.0.0.1:5000/basket-api:v2.0.0@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private static readonly DnsLabel Basket = DnsLabel.Parse("basket-api");
    private readonly AbsolutePath _folder = AbsolutePath.Create(Path.Combine(Path.GetTempPath(), "pipeline-records", Guid.NewGuid().ToString("N")));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task WriteAsync_ThenReadAsync_GivesTheSameRecordFromPlainJson()
    {
        var folder = new ServiceRecordFolder(_folder);
        var record = new ServiceRecord(Basket, ImageReference.Parse(PinnedImage), ServiceShipmentAction.Retagged, "unchanged: src-ab is sha256:01");

        await folder.WriteAsync(record, CancellationToken.None);
        var read = await folder.ReadAsync(Basket, CancellationToken.None);

        read.Should().BeEquivalentTo(record);
        var json = await File.ReadAllTextAsync(_folder / "basket-api.json");
        json.Should().Contain("\"service\": \"basket-api\"").And.Contain($"\"image\": \"{PinnedImage}\"").And.Contain("\"action\": \"retagged\"");
        Directory.GetFiles(_folder).Should().ContainSingle("a record is written whole, nothing partial left beside it");
    }

    [Fact]
    public async Task ReadAsync_NoRecord_NamesTheServiceAndTheFile()
    {
        var folder = new ServiceRecordFolder(_folder);

        folder.Missing([Basket]).Should().Equal(Basket);
        var read = () => folder.ReadAsync(Basket, CancellationToken.None);

        (await read.Should().ThrowAsync<ServicesException>()).Which.Kind.Should().Be(ServicesFailureKind.MissingRecord);
        await read.Should().ThrowAsync<ServicesException>().WithMessage($"basket-api has no record of its shipped image: {_folder / "basket-api.json"} does not exist");
    }

    [Theory]
    [InlineData("{\"service\":\"catalog-api\",\"image\":\"" + PinnedImage + "\",\"action\":\"retagged\",\"decision\":\"d\"}", "it records catalog-api, not basket-api")]
    [InlineData("{\"service\":\"basket-api\",\"image\":\"127.0.0.1:5000/basket-api:v2.0.0\",\"action\":\"retagged\",\"decision\":\"d\"}", "not pinned by a digest")]
    [InlineData("{\"service\":\"basket-api\",\"image\":\"" + PinnedImage + "\",\"action\":\"failed\",\"decision\":\"d\"}", "failed to ship")]
    [InlineData("not json", "not a service record")]
    public async Task ReadAsync_WrongRecord_IsRefusedNamingWhy(string content, string why)
    {
        Directory.CreateDirectory(_folder);
        await File.WriteAllTextAsync(_folder / "basket-api.json", content);

        var read = () => new ServiceRecordFolder(_folder).ReadAsync(Basket, CancellationToken.None);

        var thrown = await read.Should().ThrowAsync<ServicesException>().WithMessage($"*{why}*ship the service again*");
        thrown.Which.Kind.Should().Be(ServicesFailureKind.InvalidRecord);
    }
}
