using Pipeline.Engine;
using Pipeline.Version;

namespace Pipeline.Components;

/// <summary>
/// The stages' inputs as the CLI names them: each the flag the engine reads for its <c>[Parameter]</c> (the
/// password the variable, since a secret belongs in the environment), so a stage's fix tells the CLI user what
/// <c>--help</c> lists and no stage package spells a flag.
/// </summary>
internal static class CliInputNames
{
    public static StageInputNames Value { get; } = new()
    {
        Release = DeclaredParameter.Flag<IHazRelease>(build => build.Release),
        OverwriteTag = DeclaredParameter.Flag<IHazImageBuild>(build => build.OverwriteTag),
        Registry = DeclaredParameter.Flag<IHazRegistry>(build => build.Registry),
        RegistryUsername = DeclaredParameter.Flag<IHazRegistry>(build => build.RegistryUsername),
        RegistryPassword = DeclaredParameter.Variable<IHazRegistry>(build => build.RegistryPassword),
        RegistryCa = DeclaredParameter.Flag<IHazRegistry>(build => build.RegistryCa),
        BaseImage = DeclaredParameter.Flag<IHazImageBuild>(build => build.BaseImage),
        ImageBuilder = DeclaredParameter.Flag<IHazImageBuild>(build => build.Builder),
        Platforms = DeclaredParameter.Flag<ICompile>(build => build.Platforms),
        Manifest = DeclaredParameter.Flag<IRender>(build => build.Manifest),
        Kubeconfig = DeclaredParameter.Flag<IHazCluster>(build => build.Kubeconfig),
        KubeContext = DeclaredParameter.Flag<IHazCluster>(build => build.KubeContext),
    };
}
