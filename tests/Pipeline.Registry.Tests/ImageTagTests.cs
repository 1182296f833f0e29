using Pipeline.Registry;

namespace Pipeline.Registry.Tests;

public class ImageTagTests
{
    [Theory]
    [InlineData("latest")]
    [InlineData("v7.10.1")]
    [InlineData("_build-1.2")]
    public void Parse_ValidTag_KeepsIt(string text) => ImageTag.Parse(text).Value.Should().Be(text);

    [Theory]
    [InlineData("bad tag")]
    [InlineData("bad+tag")]
    [InlineData("-leading")]
    [InlineData("latest\n")]
    [InlineData("")]
    public void Parse_InvalidTag_SaysTheRule(string text)
    {
        var act = () => ImageTag.Parse(text);

        act.Should().Throw<FormatException>().WithMessage("tag *a tag starts with a letter, digit or '_'*e.g. 'latest'*");
    }

    [Fact]
    public void Parse_TooLong_SaysTheLimit()
    {
        var act = () => ImageTag.Parse(new string('a', 129));

        act.Should().Throw<FormatException>().WithMessage("*129 characters long: a tag holds at most 128*");
    }
}
