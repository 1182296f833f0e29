using System.Runtime.CompilerServices;
using Pipeline.Components;
using Pipeline.Engine.CiFiles;

// The CI-files test runs this build's GenerateCiFiles --check against the committed files.
[assembly: InternalsVisibleTo("Pipeline.CiFiles.Tests")]

namespace PipelineRepoBuild;

/// <summary>
/// What CI runs, declared once: <c>./build.sh GenerateCiFiles</c> writes .github/workflows/ci.yml and Jenkinsfile from
/// it. Build and test on every push and pull request; publish (the GitHub release, then the packages) on a v* tag, with the registry
/// credentials, the kubeconfig and the GitHub token reaching the build through its environment only.
/// </summary>
internal sealed partial class Build : IGenerateCiFiles
{
    /// <inheritdoc />
    public CiDescription CiDescription => new()
    {
        Stages =
        [
            new CiStage("Compile", nameof(ICompile.Compile)),
            new CiStage("Test", nameof(Test)),
            new CiStage("Publish", nameof(IPublishToKubernetes.Publish), nameof(IGitHubRelease.GitHubRelease))
            {
                OnReleaseTag = true,
                Secrets =
                [
                    new CiUsernamePassword(
                        CiParameter.Variable<IHazRegistry>(build => build.RegistryUsername),
                        CiParameter.SecretVariable<IHazRegistry>(build => build.RegistryPassword),
                        JenkinsCredentialId: "registry"),
                    new CiSecretFile(CiParameter.Variable<IHazCluster>(build => build.Kubeconfig), GitHubSecret: "KUBECONFIG", JenkinsCredentialId: "kubeconfig"),
                    // Every workflow run has GITHUB_TOKEN; Jenkins holds none, so there GitHubRelease is skipped with that reason.
                    new CiSecretText(CiParameter.SecretVariable<IHazGitHub>(build => build.GitHubToken), GitHubSecret: "GITHUB_TOKEN", JenkinsCredentialId: null),
                ],
                GitHubWritePermissions = ["contents", "deployments"],
            },
            // The task packages, versioned from the same tag, for other repos to reference.
            new CiStage("Packages", nameof(Pack), nameof(IPublishPackages.PublishPackages))
            {
                OnReleaseTag = true,
                Secrets =
                [
                    new CiSecretText(CiParameter.Variable<IPublishPackages>(build => build.NuGetSource), GitHubSecret: "NUGET_SOURCE", JenkinsCredentialId: "nuget-source"),
                    new CiSecretText(CiParameter.SecretVariable<IPublishPackages>(build => build.NuGetApiKey), GitHubSecret: "NUGET_API_KEY", JenkinsCredentialId: "nuget-api-key"),
                ],
            },
        ],
    };
}
