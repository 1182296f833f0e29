namespace Pipeline.Services.Tests;

public sealed class ServiceSourcesTests
{
    private static readonly string[] All = ["basket-api", "catalog-api", "payments-api"];

    [Fact]
    public async Task ReadAsync_OneServiceSourceChanged_ChangesOnlyThatService()
    {
        using var shop = new ShopCopy();
        var before = await shop.FingerprintsAsync();

        shop.Replace("src/Payments.Api/Program.cs", "authorised", "approved");

        Changed(before, await shop.FingerprintsAsync()).Should().Equal("payments-api");
    }

    [Fact]
    public async Task ReadAsync_SharedLibraryChanged_ChangesBothServicesThatReferenceIt()
    {
        using var shop = new ShopCopy();
        var before = await shop.FingerprintsAsync();

        shop.Write("src/Shop.Contracts/Discount.cs", "namespace Shop.Contracts;\n\npublic sealed record Discount(string Code, decimal Percent);\n");

        Changed(before, await shop.FingerprintsAsync()).Should().Equal("basket-api", "catalog-api");
    }

    [Fact]
    public async Task ReadAsync_CentralPackageVersionsChanged_ChangesAllServices()
    {
        using var shop = new ShopCopy();
        var before = await shop.FingerprintsAsync();

        shop.Replace("Directory.Packages.props", "<ItemGroup>", "<ItemGroup>\n    <PackageVersion Include=\"Polly\" Version=\"8.9.1\" />");

        Changed(before, await shop.FingerprintsAsync()).Should().Equal(All);
    }

    [Fact]
    public async Task ReadAsync_DockerfileChanged_ChangesThatService()
    {
        using var shop = new ShopCopy();
        var before = await shop.FingerprintsAsync();

        shop.Replace("src/Basket.Api/Dockerfile", "EXPOSE 8080", "EXPOSE 8081");

        Changed(before, await shop.FingerprintsAsync()).Should().Equal("basket-api");
    }

    [Fact]
    public async Task ReadAsync_DockerignoreChanged_ChangesThatService()
    {
        using var shop = new ShopCopy();
        var before = await shop.FingerprintsAsync();

        shop.Append("src/Catalog.Api/.dockerignore", "*.md\n");

        Changed(before, await shop.FingerprintsAsync()).Should().Equal("catalog-api");
    }

    [Fact]
    public async Task ReadAsync_DirectoryBuildPropsAddedAboveTheProjects_ChangesAllServices()
    {
        using var shop = new ShopCopy();
        var before = await shop.FingerprintsAsync();

        shop.Write("src/Directory.Build.props", "<Project>\n  <PropertyGroup><Deterministic>true</Deterministic></PropertyGroup>\n</Project>\n");

        Changed(before, await shop.FingerprintsAsync()).Should().Equal(All);
    }

    [Fact]
    public async Task ReadAsync_NothingChanged_GivesTheSameFingerprints()
    {
        using var shop = new ShopCopy();
        var before = await shop.FingerprintsAsync();

        var after = await shop.FingerprintsAsync();

        after.Values.Should().OnlyContain(fingerprint => fingerprint != null);
        Changed(before, after).Should().BeEmpty();
    }

    [Fact]
    public async Task ReadAsync_FilesUnderBinObjAndHiddenFolders_ChangeNothing()
    {
        using var shop = new ShopCopy();
        var before = await shop.FingerprintsAsync();

        shop.Write("src/Catalog.Api/bin/Release/net10.0/Catalog.Api.dll", "built");
        shop.Write("src/Shop.Contracts/obj/project.assets.json", "{}");
        shop.Write("src/Payments.Api/.vs/state.json", "{}");
        File.SetLastWriteTimeUtc(shop.PathOf("src/Basket.Api/Program.cs"), DateTime.UtcNow.AddHours(1));

        Changed(before, await shop.FingerprintsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task ReadAsync_SameRepositoryInAnotherFolder_GivesTheSameFingerprints()
    {
        using var first = new ShopCopy();
        using var second = new ShopCopy();
        File.SetLastWriteTimeUtc(second.PathOf("src/Catalog.Api/Program.cs"), new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        var here = await first.FingerprintsAsync();
        var there = await second.FingerprintsAsync();

        first.Root.Should().NotBe(second.Root);
        there.Should().Equal(here);
    }

    [Fact]
    public async Task ReadAsync_ListsInputsRelativeToTheRepositoryRoot()
    {
        using var shop = new ShopCopy();

        var catalog = (await shop.SourcesAsync()).Single(source => source.Service.Artifact.Value == "catalog-api");

        // The probes of the root (NuGet.config: where packages restore from), its own folder and the library it
        // references; not README.md, not the build program's build/, not the other services.
        catalog.Inputs.Should().Equal(
            "Directory.Build.props", "Directory.Packages.props", "NuGet.config", "global.json",
            "src/Catalog.Api/.dockerignore", "src/Catalog.Api/Catalog.Api.csproj", "src/Catalog.Api/Dockerfile", "src/Catalog.Api/Program.cs",
            "src/Shop.Contracts/Product.cs", "src/Shop.Contracts/Shop.Contracts.csproj");
    }

    [Fact]
    public async Task ReadAsync_OtherSdkVersion_ChangesAllServices()
    {
        using var shop = new ShopCopy();
        var before = await shop.FingerprintsAsync();

        var after = await shop.FingerprintsAsync(ShopCopy.Values with { SdkVersion = "10.0.101" });

        Changed(before, after).Should().Equal(All);
    }

    [Fact]
    public async Task ReadAsync_OtherBaseImageOrBuildArgument_ChangesAllServices()
    {
        using var shop = new ShopCopy();
        var before = await shop.FingerprintsAsync();

        var otherBase = await shop.FingerprintsAsync(ShopCopy.Values with { BaseImage = "localhost:5000/base:2" });
        var otherArgument = await shop.FingerprintsAsync(ShopCopy.Values with { BuildArguments = new Dictionary<string, string> { ["APP_VERSION"] = "2" } });

        Changed(before, otherBase).Should().Equal(All);
        Changed(before, otherArgument).Should().Equal(All);
    }

    [Theory]
    [InlineData("<ProjectReference Include=\"../Shop.Contracts/Shop.Contracts.csproj\" Condition=\"'$(Configuration)' == 'Debug'\" />", "has a Condition")]
    [InlineData("<ProjectReference Include=\"$(SharedDir)/Shop.Contracts.csproj\" />", "uses a property")]
    [InlineData("<ProjectReference Include=\"../*/Shop.Contracts.csproj\" />", "is a wildcard")]
    public async Task ReadAsync_ReferenceThatCannotBeFollowed_SaysCannotTellWithTheReason(string reference, string reason)
    {
        using var shop = new ShopCopy();
        shop.Replace("src/Catalog.Api/Catalog.Api.csproj", "<ProjectReference Include=\"../Shop.Contracts/Shop.Contracts.csproj\" />", reference);

        var sources = await shop.SourcesAsync();

        var catalog = sources.Single(source => source.Service.Artifact.Value == "catalog-api");
        catalog.Fingerprint.Should().BeNull();
        catalog.Untraceable.Should().ContainSingle().Which.Should().Contain("src/Catalog.Api/Catalog.Api.csproj line 3").And.Contain(reason);
        sources.Where(source => source != catalog).Should().OnlyContain(source => source.Fingerprint != null);
    }

    [Fact]
    public async Task ReadAsync_ReferenceAddedInDirectoryBuildProps_MakesThatProjectAnInputOfEveryService()
    {
        using var shop = new ShopCopy();
        shop.Write("src/Directory.Build.props",
            "<Project>\n  <ItemGroup>\n    <ProjectReference Include=\"$(MSBuildThisFileDirectory)Shop.Contracts/Shop.Contracts.csproj\" />\n  </ItemGroup>\n</Project>\n");
        var before = await shop.FingerprintsAsync();

        shop.Write("src/Shop.Contracts/Discount.cs", "namespace Shop.Contracts;\n\npublic sealed record Discount(string Code);\n");

        Changed(before, await shop.FingerprintsAsync()).Should().Equal(All);
    }

    [Fact]
    public async Task ReadAsync_FileIncludedFromOutsideTheProjectFolder_IsAnInput()
    {
        using var shop = new ShopCopy();
        shop.Replace("src/Payments.Api/Payments.Api.csproj", "</Project>", "  <ItemGroup>\n    <Content Include=\"../../docs/terms.txt\" />\n  </ItemGroup>\n</Project>");
        shop.Write("docs/terms.txt", "v1");
        var before = await shop.FingerprintsAsync();

        shop.Write("docs/terms.txt", "v2");

        Changed(before, await shop.FingerprintsAsync()).Should().Equal("payments-api");
    }

    [Fact]
    public async Task ReadAsync_FileImportedByTheProject_IsAnInputAndItsReferencesAreFollowed()
    {
        using var shop = new ShopCopy();
        shop.Replace("src/Payments.Api/Payments.Api.csproj", "</Project>", "  <Import Project=\"../../build/shared.props\" />\n</Project>");
        shop.Write("build/shared.props", "<Project>\n  <ItemGroup>\n    <ProjectReference Include=\"../src/Shop.Contracts/Shop.Contracts.csproj\" />\n  </ItemGroup>\n</Project>\n");
        var before = await shop.FingerprintsAsync();

        shop.Write("src/Shop.Contracts/Discount.cs", "namespace Shop.Contracts;\n\npublic sealed record Discount(string Code);\n");
        var afterLibrary = await shop.FingerprintsAsync();
        shop.Append("build/shared.props", "<!-- edited -->\n");

        Changed(before, afterLibrary).Should().Equal(All, "the imported file references the library");
        Changed(afterLibrary, await shop.FingerprintsAsync()).Should().Equal("payments-api");
    }

    [Fact]
    public async Task ReadAsync_DirectoryBuildPropsImportingTheOneAbove_IsFollowedThroughTheProbes()
    {
        using var shop = new ShopCopy();
        shop.Write("src/Directory.Build.props",
            "<Project>\n  <Import Project=\"$([MSBuild]::GetPathOfFileAbove('Directory.Build.props', '$(MSBuildThisFileDirectory)../'))\" />\n</Project>\n");

        var sources = await shop.SourcesAsync();

        sources.Should().OnlyContain(source => source.Fingerprint != null && source.Inputs.Contains("src/Directory.Build.props") && source.Inputs.Contains("Directory.Build.props"));
    }

    [Fact]
    public async Task ReadAsync_ImportThroughAnUnknownProperty_SaysCannotTell()
    {
        using var shop = new ShopCopy();
        shop.Replace("src/Basket.Api/Basket.Api.csproj", "</Project>", "  <Import Project=\"$(SharedProps)\" />\n</Project>");

        var basket = (await shop.SourcesAsync()).Single(source => source.Service.Artifact.Value == "basket-api");

        basket.Fingerprint.Should().BeNull();
        basket.Untraceable.Should().ContainSingle().Which.Should().Be(
            "src/Basket.Api/Basket.Api.csproj line 5: the Import '$(SharedProps)' uses a property or item, which only MSBuild can evaluate");
    }

    [Fact]
    public async Task ReadAsync_DeclaredDockerfileOutsideTheProjectFolder_IsAnInputWithItsDockerignore()
    {
        using var shop = new ShopCopy();
        shop.Write("deploy/payments/Dockerfile", File.ReadAllText(shop.PathOf("src/Payments.Api/Dockerfile")));
        shop.Write("deploy/payments/.dockerignore", "bin/\n");
        var project = shop.Root / "src" / "Payments.Api" / "Payments.Api.csproj";
        var catalog = ServiceCatalog.Declare(shop.Root, [new ServiceDefinition(project, shop.Root / "deploy" / "payments" / "Dockerfile", ServiceDefinition.ArtifactFor(project))]);
        var before = (await ServiceSources.ReadAsync(catalog, ShopCopy.Values, CancellationToken.None)).Single();

        shop.Append("deploy/payments/Dockerfile", "LABEL team=payments\n");
        var afterDockerfile = (await ServiceSources.ReadAsync(catalog, ShopCopy.Values, CancellationToken.None)).Single();
        shop.Append("deploy/payments/.dockerignore", "*.md\n");
        var afterIgnore = (await ServiceSources.ReadAsync(catalog, ShopCopy.Values, CancellationToken.None)).Single();

        before.Inputs.Should().Contain(["deploy/payments/.dockerignore", "deploy/payments/Dockerfile"]);
        afterDockerfile.Fingerprint.Should().NotBe(before.Fingerprint);
        afterIgnore.Fingerprint.Should().NotBe(afterDockerfile.Fingerprint);
    }

    private static List<string> Changed(IReadOnlyDictionary<string, ServiceFingerprint?> before, IReadOnlyDictionary<string, ServiceFingerprint?> after)
    {
        before.Keys.Should().BeEquivalentTo(after.Keys);
        return [.. before.Keys.Where(name => before[name] != after[name]).Order(StringComparer.Ordinal)];
    }
}
