using Pipeline.Engine;
using Pipeline.Services;

namespace Pipeline.Components;

/// <summary>
/// The services of a many-services build: the repository's (found, or declared through <see cref="RepositoryServices"/>),
/// narrowed by <c>--services</c>; and the folder where each shipped service's record is handed on (<c>artifacts/services/</c>).
/// </summary>
public interface IHazServices : IHazArtifacts
{
    /// <summary>Settings hook: the repository's services, found by default; a build may declare them instead.</summary>
    ServiceCatalog RepositoryServices => ServiceCatalog.Discover(RootDirectory);

    /// <summary>The services this run ships, by artifact name; every service of the repository by default.</summary>
    [Parameter("Services to ship, comma-separated (default: every service of the repository)")]
    string[] Services => Parameter(RepositoryServices.Services.Select(service => service.Artifact.Value).ToArray());

    /// <summary>Where ServiceImages records each shipped service and where ServiceManifests / ServiceDeploy read them when ServiceImages does not run with them.</summary>
    [Parameter("Folder of the shipped services' records (<service>.json), written by ServiceImages, read by ServiceManifests and ServiceDeploy when ServiceImages does not run with them")]
    AbsolutePath ShippedServices => Parameter(DefaultShippedServices);

    /// <summary>The records' folder when <see cref="ShippedServices"/> is not given: where CI jobs hand the records on.</summary>
    AbsolutePath DefaultShippedServices => ArtifactsDirectory / "services";

    /// <summary>The services this run ships: the repository's, narrowed to <see cref="Services"/>.</summary>
    ServiceCatalog SelectedServices() => RepositoryServices.Narrow(Services);
}
