using Pipeline.Registry;
using Pipeline.Version;

namespace Pipeline.Image.Tests;

public sealed class PlatformChecksTests
{
    private static readonly RegistryHost PushRegistry = RegistryHost.Parse("127.0.0.1:5000");
    private static readonly StageInputNames Inputs = StageInputNames.Neutral with { Platforms = "--platforms", ImageBuilder = "--builder", BaseImage = "--base-image" };
    private static readonly Platform[] TwoPlatforms = [Platform.Parse("linux/amd64"), Platform.Parse("linux/arm64")];

    [Fact]
    public void CheckInputs_PlatformsWithTheEngineBuilder_FailsNamingBoth()
    {
        var check = () => PlatformChecks.CheckInputs(TwoPlatforms, ImageBuilderKind.Engine, null, PushRegistry, Inputs);

        check.Should().Throw<ImageBuildException>().Which.Message.Should()
            .StartWith("--platforms builds one image per platform under an image index, which only the direct builder makes, and --builder asks for the engine builder: ")
            .And.EndWith("drop --platforms, or use the direct builder (--builder auto or direct) with a Dockerfile that needs no container.");
    }

    [Fact]
    public void CheckInputs_AnotherPlatformOnTheOfflineBase_FailsNamingTheFix()
    {
        var other = Platform.Machine == TwoPlatforms[0] ? TwoPlatforms[1] : TwoPlatforms[0];

        var check = () => PlatformChecks.CheckInputs(TwoPlatforms, ImageBuilderKind.Auto, BaseImage.Local, PushRegistry, Inputs);

        check.Should().Throw<ImageBuildException>().Which.Message.Should()
            .Be($"--platforms asks for {other}, but the offline local base holds this machine's files ({Platform.Machine}) only: "
                + "push a multi-platform base (an image index) to 127.0.0.1:5000 and set --base-image to it.");
    }

    [Fact]
    public void CheckInputs_NoPlatformsOrARegistryBase_PassesWhateverTheBuilder()
    {
        var baseInRegistry = BaseImage.FromReference(ImageReference.Parse("127.0.0.1:5000/base:multi"));

        PlatformChecks.CheckInputs([], ImageBuilderKind.Engine, BaseImage.Local, PushRegistry, Inputs);
        PlatformChecks.CheckInputs(TwoPlatforms, ImageBuilderKind.Auto, baseInRegistry, PushRegistry, Inputs);
        PlatformChecks.CheckInputs([Platform.Machine!.Value], ImageBuilderKind.Direct, BaseImage.Local, PushRegistry, Inputs);
    }
}
