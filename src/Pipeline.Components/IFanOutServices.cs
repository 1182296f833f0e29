using Pipeline.Engine;
using Pipeline.Engine.CiFiles;

namespace Pipeline.Components;

/// <summary>
/// A many-services build's CI files, fanned out per service: the checks on every push and pull request
/// (<see cref="ServiceCiChecks"/>), then on a release tag one job per service of the repository
/// (<c>./build.sh ServiceImages --services &lt;artifact&gt;</c>, handing on its record <c>artifacts/services/&lt;artifact&gt;.json</c>)
/// and one deploy job that receives every record (<c>./build.sh ServiceManifests ServiceDeploy</c>; with
/// <see cref="IGitHubReleaseServices"/>, ServiceGitHubRelease between them, with the run's GITHUB_TOKEN). A service added to the
/// repository is a job more at the next GenerateCiFiles, and <c>--check</c> fails until then.
/// </summary>
public interface IFanOutServices : IPublishServices, IGenerateCiFiles
{
    /// <summary>The deploy job's targets, which read the records the image jobs handed on; with GitHub releases, the release between them.</summary>
    private string[] DeployTargets => this is IGitHubReleaseServices
        ? [nameof(ServiceManifests), nameof(IGitHubReleaseServices.ServiceGitHubRelease), nameof(ServiceDeploy)]
        : [nameof(ServiceManifests), nameof(ServiceDeploy)];

    /// <summary>
    /// Settings hook: what every push and pull request runs before any image; none by default (a services build has
    /// no Compile of its own: ServiceImages publishes each service). Override with the build's own targets, e.g. Test.
    /// </summary>
    IReadOnlyList<CiStage> ServiceCiChecks => [];

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
                    $"{RelativeToRoot(DefaultShippedServices)}/{CiFanOut.ValueToken}.json"),
                Secrets = [RegistrySecret()],
            },
            new CiStage("Deploy", DeployTargets)
            {
                OnReleaseTag = true,
                Secrets =
                [
                    RegistrySecret(),   // the pull Secret is made from the push credentials unless the build names others
                    new CiSecretFile(CiParameter.Variable<IHazCluster>(build => build.Kubeconfig), GitHubSecret: "KUBECONFIG", JenkinsCredentialId: "kubeconfig"),
                    // Every workflow run has GITHUB_TOKEN; Jenkins holds none, so there ServiceGitHubRelease is skipped with that reason.
                    .. (this is IGitHubReleaseServices
                        ? [new CiSecretText(CiParameter.SecretVariable<IHazGitHub>(build => build.GitHubToken), GitHubSecret: "GITHUB_TOKEN", JenkinsCredentialId: null)]
                        : Array.Empty<CiSecret>()),
                ],
                GitHubWritePermissions = this is IGitHubReleaseServices ? ["contents", "deployments"] : [],
            },
        ],
    };

    private static CiUsernamePassword RegistrySecret() => new(
        CiParameter.Variable<IHazRegistry>(build => build.RegistryUsername),
        CiParameter.SecretVariable<IHazRegistry>(build => build.RegistryPassword),
        JenkinsCredentialId: "registry");

    private string RelativeToRoot(AbsolutePath path) => Path.GetRelativePath(RootDirectory.Value, path.Value).Replace('\\', '/');
}
