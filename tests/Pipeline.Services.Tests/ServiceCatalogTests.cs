using Pipeline.Engine;
using Pipeline.Manifests;

namespace Pipeline.Services.Tests;

public sealed class ServiceCatalogTests
{
    [Fact]
    public void Discover_FindsTheThreeServicesAndNotTheLibrary()
    {
        using var shop = new ShopCopy();

        var catalog = ServiceCatalog.Discover(shop.Root);

        catalog.Services.Select(service => service.Artifact.Value).Should().Equal("basket-api", "catalog-api", "payments-api");
        var catalogApi = catalog.Services[1];
        catalogApi.Project.Should().Be(shop.Root / "src" / "Catalog.Api" / "Catalog.Api.csproj");
        catalogApi.Dockerfile.Should().Be(shop.Root / "src" / "Catalog.Api" / "Dockerfile");
        catalogApi.Port.Should().Be(8080);
        catalogApi.Replicas.Should().Be(1);
    }

    [Theory]
    [InlineData("<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup><IsTestProject>true</IsTestProject></PropertyGroup>\n</Project>\n")]
    [InlineData("<Project Sdk=\"Microsoft.NET.Sdk\">\n  <ItemGroup><PackageReference Include=\"Microsoft.NET.Test.Sdk\" /></ItemGroup>\n</Project>\n")]
    [InlineData("<Project Sdk=\"Microsoft.NET.Sdk.Web\">\n  <PropertyGroup><IsPublishable>false</IsPublishable></PropertyGroup>\n</Project>\n")]
    [InlineData("<Project ToolsVersion=\"15.0\" xmlns=\"http://schemas.microsoft.com/developer/msbuild/2003\">\n</Project>\n")]
    public void Discover_SkipsProjectsThatAreNotPublishableServices(string project)
    {
        using var shop = new ShopCopy();
        shop.Write("tests/Shop.Tests/Shop.Tests.csproj", project);
        shop.Write("tests/Shop.Tests/Dockerfile", "FROM scratch\n");

        var catalog = ServiceCatalog.Discover(shop.Root);

        catalog.Services.Select(service => service.Artifact.Value).Should().Equal("basket-api", "catalog-api", "payments-api");
    }

    [Fact]
    public void Discover_IgnoresProjectsUnderBinAndObj()
    {
        using var shop = new ShopCopy();
        shop.Write("src/Catalog.Api/obj/Copy.Api/Copy.Api.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Web\" />");
        shop.Write("src/Catalog.Api/obj/Copy.Api/Dockerfile", "FROM scratch\n");

        ServiceCatalog.Discover(shop.Root).Services.Should().HaveCount(3);
    }

    [Fact]
    public void Narrow_KnownNames_KeepsOnlyThose()
    {
        using var shop = new ShopCopy();

        var narrowed = ServiceCatalog.Discover(shop.Root).Narrow(["payments-api", "basket-api"]);

        narrowed.Services.Select(service => service.Artifact.Value).Should().Equal("basket-api", "payments-api");
    }

    [Fact]
    public void Narrow_UnknownName_FailsNamingItAndListingTheServices()
    {
        using var shop = new ShopCopy();
        var catalog = ServiceCatalog.Discover(shop.Root);

        var narrowing = () => catalog.Narrow(["catalog-api", "orders-api"]);

        narrowing.Should().Throw<ServicesException>()
            .Where(exception => exception.Kind == ServicesFailureKind.UnknownService)
            .WithMessage("unknown service 'orders-api': the services are basket-api, catalog-api, payments-api");
    }

    [Fact]
    public void Declare_MissingDockerfileAndProjectOutsideTheRepository_FailsNamingEach()
    {
        using var shop = new ShopCopy();
        var outside = AbsolutePath.Create(Path.GetTempPath()) / "elsewhere" / "Other.Api.csproj";
        ServiceDefinition[] services =
        [
            new(shop.Root / "src" / "Payments.Api" / "Payments.Api.csproj", shop.Root / "src" / "Payments.Api" / "Missing.Dockerfile", DnsLabel.Parse("payments")),
            new(outside, shop.Root / "src" / "Basket.Api" / "Dockerfile", DnsLabel.Parse("other")),
        ];

        var declaring = () => ServiceCatalog.Declare(shop.Root, services);

        declaring.Should().Throw<ServicesException>()
            .Where(exception => exception.Kind == ServicesFailureKind.InvalidDeclaration)
            .WithMessage("*payments: the Dockerfile*Missing.Dockerfile does not exist*")
            .WithMessage("*other: the project*Other.Api.csproj is outside the repository*");
    }

    [Fact]
    public void Declare_TwoServicesUnderOneArtifactName_Fails()
    {
        using var shop = new ShopCopy();
        var basket = ServiceDefinition.ForProject(shop.Root / "src" / "Basket.Api" / "Basket.Api.csproj");
        var catalog = ServiceDefinition.ForProject(shop.Root / "src" / "Catalog.Api" / "Catalog.Api.csproj");

        var declaring = () => ServiceCatalog.Declare(shop.Root, [basket, new ServiceDefinition(catalog.Project, catalog.Dockerfile, basket.Artifact)]);

        declaring.Should().Throw<ServicesException>().Where(exception => exception.Kind == ServicesFailureKind.DuplicateArtifact)
            .WithMessage("basket-api is the artifact of *Basket.Api.csproj and *Catalog.Api.csproj: give each service its own artifact name");
    }

    [Fact]
    public void Discover_NoService_FailsSayingWhatAServiceIs()
    {
        using var shop = new ShopCopy();
        foreach (var dockerfile in Directory.EnumerateFiles(shop.Root.Value, "Dockerfile", SearchOption.AllDirectories))
        {
            File.Delete(dockerfile);
        }

        var discovering = () => ServiceCatalog.Discover(shop.Root);

        discovering.Should().Throw<ServicesException>().Where(exception => exception.Kind == ServicesFailureKind.NoServices)
            .WithMessage("*a service is a publishable SDK-style project with a Dockerfile beside it*");
    }
}
