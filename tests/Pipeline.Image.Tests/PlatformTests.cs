namespace Pipeline.Image.Tests;

public sealed class PlatformTests
{
    [Theory]
    [InlineData("linux/amd64", "linux-x64", "linux/amd64")]
    [InlineData("linux/arm64", "linux-arm64", "linux/arm64")]
    [InlineData("linux/arm/v7", "linux-arm", "linux/arm/v7")]
    [InlineData(" Linux/ARM ", "linux-arm", "linux/arm/v7")]
    public void Parse_MapsThePlatformToItsRuntimeIdentifier(string text, string runtimeIdentifier, string written)
    {
        var platform = Platform.Parse(text);

        platform.RuntimeIdentifier.Should().Be(runtimeIdentifier);
        platform.ToString().Should().Be(written);
    }

    [Theory]
    [InlineData("linux/s390x")]
    [InlineData("windows/amd64")]
    [InlineData("amd64")]
    [InlineData("")]
    public void Parse_AnUnknownPlatform_ThrowsListingTheAcceptedOnes(string text)
    {
        var parse = () => Platform.Parse(text);

        parse.Should().Throw<FormatException>().WithMessage($"'{text}' is not a platform an image is built for: pass one or more of linux/amd64, linux/arm64, linux/arm/v7 (comma-separated)");
    }
}
