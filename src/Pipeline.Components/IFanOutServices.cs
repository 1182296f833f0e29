using Pipeline.Engine;
using Pipeline.Engine.CiFiles;

namespace Pipeline.Components;

/// <summary>
/// A many-services build's CI files, fanned out per service: the checks on every push and pull request
/// (<see cref="ServiceCiChecks"/>), then on a release tag one job per service of the repository
/// (<c>./build.sh ServiceImages --services &lt;artifact&gt;</c>, handing on its record <c>artifacts/services/&lt;artifact&gt;.json</c>)
/// and one deploy job that receives every record (<c>./build.sh ServiceManifests ServiceDeploy</c>). A service added to the
/// repository is a job more at the next GenerateCiFiles, and <c>--check</c> fails until then.
/// </summary>
public interface IFanOutServices : IShipServices, IGenerateCiFiles
{
    /// <summary>
    /// The targets of the deploy job, which read the records in <see cref="ShippedServicesFolder"/>. Named as the
    /// many-services release declares them (issue 16's contract: IPublishServices' ServiceManifests and ServiceDeploy);
    /// GenerateCiFiles refuses a build that does not declare them.
    /// </summary>
    private static readonly string[] DeployTargets = ["ServiceManifests", "ServiceDeploy"];

    /// <summary>Settings hook: what every push and pull request runs before any image; override for the build's own (e.g. Compile and Test).</summary>
    IReadOnlyList<CiStage> ServiceCiChecks => [new CiStage("Compile", nameof(ICompile.Compile))];

    /// <summary>Where ServiceImages records each shipped service, <c>&lt;artifact&gt;.json</c>, and the deploy job reads them.</summary>
    AbsolutePath ShippedServicesFolder => ArtifactsDirectory / "services";

    /// <inheritdoc />
    CiDescription IGenerateCiFiles.CiDescription => new()
    {
        Stages =
        [
            .. ServiceCiChecks,
            new CiStage("Images", nameof(ServiceImages))
            {
                OnReleaseTag = true,
                // Every service of the repository, not the --services of this run: the CI files must not depend on how GenerateCiFiles was called.
                FanOut = new CiFanOut(
                    DeclaredParameter.Flag<IShipServices>(build => build.Services),
                    [.. RepositoryServices.Services.Select(service => service.Artifact.Value)],
                    $"{RelativeToRoot(ShippedServicesFolder)}/{CiFanOut.ValueToken}.json"),
                Secrets = [RegistrySecret()],
            },
            new CiStage("Deploy", DeployTargets)
            {
                OnReleaseTag = true,
                Secrets =
                [
                    RegistrySecret(),   // the pull Secret is made from the push credentials unless the build names others
                    new CiSecretFile(CiParameter.Variable<IHazCluster>(build => build.Kubeconfig), GitHubSecret: "KUBECONFIG", JenkinsCredentialId: "kubeconfig"),
                ],
            },
        ],
    };

    private static CiUsernamePassword RegistrySecret() => new(
        CiParameter.Variable<IHazRegistry>(build => build.RegistryUsername),
        CiParameter.SecretVariable<IHazRegistry>(build => build.RegistryPassword),
        JenkinsCredentialId: "registry");

    private string RelativeToRoot(AbsolutePath path) => Path.GetRelativePath(RootDirectory.Value, path.Value).Replace('\\', '/');
}
