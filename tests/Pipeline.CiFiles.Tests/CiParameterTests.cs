using Pipeline.Components;
using Pipeline.Engine;
using Pipeline.Engine.CiFiles;

namespace Pipeline.CiFiles.Tests;

public sealed class CiParameterTests
{
    [Fact]
    public void Variable_OfDeclaredParameters_IsTheVariableTheBuildReads()
    {
        CiParameter.Variable<IHazRegistry>(build => build.RegistryUsername).Should().Be("REGISTRY_USERNAME");
        CiParameter.Variable<IDeploy>(build => build.Kubeconfig).Should().Be("PIPELINE_KUBECONFIG", "the declaration overrides the variable");
        CiParameter.Variable<IDeploy>(build => build.RolloutTimeout).Should().Be("ROLLOUT_TIMEOUT", "a value type is boxed in the expression");
    }

    [Fact]
    public void Flag_OfDeclaredParameters_IsTheFlagHelpLists()
    {
        DeclaredParameter.Flag<IHazRegistry>(build => build.RegistryUsername).Should().Be("--registry-username");
        DeclaredParameter.Flag<IDeploy>(build => build.Kubeconfig).Should().Be("--kubeconfig", "an overridden variable leaves the flag alone");
        DeclaredParameter.Flag<IPublishPackages>(build => build.NuGetSource).Should().Be("--nuget-source", "the declared name is NugetSource");
        DeclaredParameter.Variable<IHazRegistry>(build => build.RegistryPassword).Should().Be("REGISTRY_PASSWORD");
    }

    [Fact]
    public void Flag_OfAPropertyThatIsNoParameter_FailsNamingTheForm()
    {
        var read = () => DeclaredParameter.Flag<IHazRegistry>(build => build.RegistryClientOptions);

        read.Should().Throw<ArgumentException>().WithMessage("*does not name a [Parameter] property*");
    }

    [Fact]
    public void SecretVariable_OfSecretParameters_IsTheVariableTheBuildReads()
    {
        CiParameter.SecretVariable<IHazRegistry>(build => build.RegistryPassword).Should().Be("REGISTRY_PASSWORD");
        CiParameter.SecretVariable<IHazGitHub>(build => build.GitHubToken).Should().Be("GITHUB_TOKEN", "the declared name is GithubToken");
    }

    [Fact]
    public void SecretVariable_OfAParameterThatIsNotSecret_FailsNamingIt()
    {
        var read = () => CiParameter.SecretVariable<IHazRegistry>(build => build.RegistryUsername);

        read.Should().Throw<ArgumentException>().WithMessage("IHazRegistry.RegistryUsername is not marked [Secret]*");
    }

    [Fact]
    public void Variable_OfAMemberThatIsNotAParameter_FailsWithTheExpectedForm()
    {
        var read = () => CiParameter.Variable<IRender>(build => build.ManifestFile);

        read.Should().Throw<ArgumentException>().WithMessage("*does not name a [Parameter] property*");
    }
}
