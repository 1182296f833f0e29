using Pipeline.Engine.CiFiles;

namespace Pipeline.Engine.Tests.Builds;

/// <summary>A build that declares its CI: one stage for every push, one for release tags with a secret.</summary>
internal sealed class CiFilesBuild : PipelineBuild, IGenerateCiFiles
{
    [Parameter("Registry password"), Secret]
    public string? RegistryPassword { get; set; }

    public CiDescription CiDescription => new()
    {
        Stages =
        [
            new CiStage("Test", nameof(Test)),
            new CiStage("Release", nameof(Test))
            {
                OnReleaseTag = true,
                Secrets = [new CiSecretText(CiParameter.SecretVariable<CiFilesBuild>(build => build.RegistryPassword), "REGISTRY_PASSWORD", "registry-password")],
            },
        ],
    };

    private Target Test => _ => _.Executes(() => { });
}
