using System.IO.Compression;
using System.Xml.Linq;
using Pipeline.Packages.Tests.Support;

namespace Pipeline.Packages.Tests;

[Collection(PackagesCollection.Name)]
public sealed class PackageContentsTests(PackedFeedFixture feed)
{
    [Fact]
    public void Pack_EverySourceProject_HasAPackageWithReadmeDocsLicenseDescriptionAndSymbols()
    {
        var projects = Directory.EnumerateFiles(Path.Combine(Testing.Docker.RepositoryRoot.Find(), "src"), "*.csproj", SearchOption.AllDirectories)
            .Select(Path.GetFileNameWithoutExtension).ToList();
        projects.Should().NotBeEmpty();

        foreach (var id in projects)
        {
            var package = Path.Combine(feed.Feed, $"{id}.{feed.Version}.nupkg");
            File.Exists(package).Should().BeTrue("src/{0} is packed", id);
            File.Exists(Path.ChangeExtension(package, ".snupkg")).Should().BeTrue("{0} has a symbol package", id);
            using var zip = ZipFile.OpenRead(package);
            var entries = zip.Entries.Select(entry => entry.FullName).ToList();
            entries.Should().Contain("README.md", "{0} ships its README (add src/{0}/README.md)", id);
            entries.Should().Contain($"lib/net10.0/{id}.xml", "{0} ships its XML docs", id);
            using var nuspec = zip.GetEntry($"{id}.nuspec")!.Open();
            var metadata = XDocument.Load(nuspec).Root!.Elements().Single(element => element.Name.LocalName == "metadata");
            string? Field(string name) => metadata.Elements().FirstOrDefault(element => element.Name.LocalName == name)?.Value;
            Field("license").Should().Be("MIT", id);
            Field("readme").Should().Be("README.md", id);
            Field("description").Should().NotBeNullOrWhiteSpace().And.NotBe("Package Description", "src/{0} sets <Description>", id);
            Field("version").Should().Be(feed.Version, id);
        }
    }
}
