using Pipeline.Engine.CiFiles;

namespace Pipeline.CiFiles.Tests;

/// <summary>A description with every kind of secret, independent of this repo's build.</summary>
internal static class TestDescriptions
{
    public static CiDescription WithEverySecret() => new()
    {
        Name = "delivery",
        ReleaseTagPattern = "release-*",
        TimeoutMinutes = 45,
        Stages =
        [
            new CiStage("Build", "Compile", "Pack"),
            new CiStage("Test", "Test"),
            new CiStage("Ship", "Publish")
            {
                OnReleaseTag = true,
                Secrets =
                [
                    new CiUsernamePassword("REGISTRY_USERNAME", "REGISTRY_PASSWORD", "nexus"),
                    new CiSecretFile("PIPELINE_KUBECONFIG", "PROD_KUBECONFIG", "prod-kubeconfig"),
                    new CiSecretText("NUGET_API_KEY", "NUGET_KEY", "nuget-api-key"),
                    new CiSecretText("GITHUB_TOKEN", "GITHUB_TOKEN", JenkinsCredentialId: null),
                ],
                GitHubWritePermissions = ["deployments", "contents"],
            },
        ],
    };

    /// <summary>Checks on every build, then on a release tag one image job per service and one deploy job that receives their records.</summary>
    public static CiDescription WithFanOut() => new()
    {
        Stages =
        [
            new CiStage("Compile", "Compile"),
            new CiStage("Images", "ServiceImages")
            {
                OnReleaseTag = true,
                FanOut = new CiFanOut("--services", ["basket-api", "catalog-api", "payments-api"], "artifacts/services/{value}.json"),
                Secrets = [new CiUsernamePassword("REGISTRY_USERNAME", "REGISTRY_PASSWORD", "registry")],
            },
            new CiStage("Deploy", "ServiceManifests", "ServiceDeploy")
            {
                OnReleaseTag = true,
                Secrets = [new CiSecretFile("PIPELINE_KUBECONFIG", "KUBECONFIG", "kubeconfig")],
            },
        ],
    };
}
