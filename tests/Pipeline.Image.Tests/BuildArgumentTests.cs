using Pipeline.Image;

namespace Pipeline.Image.Tests;

public class BuildArgumentTests
{
    [Theory]
    [InlineData("VERSION=1.2.3", "VERSION", "1.2.3")]
    [InlineData("EMPTY=", "EMPTY", "")]
    [InlineData("URL=https://x/?a=b", "URL", "https://x/?a=b")]
    [InlineData("_private_1=x", "_private_1", "x")]
    public void Parse_KeyEqualsValue_SplitsAtTheFirstEquals(string text, string name, string value)
    {
        var argument = BuildArgument.Parse(text);

        argument.Name.Should().Be(name);
        argument.Value.Should().Be(value);
    }

    [Theory]
    [InlineData("NOEQUALS")]
    [InlineData("=value")]
    [InlineData("1ABC=x")]
    [InlineData("MY-ARG=x")]
    public void Parse_NotKeyEqualsValue_NamesTheInputAndTheFix(string text)
    {
        var act = () => BuildArgument.Parse(text);

        act.Should().Throw<FormatException>().WithMessage($"'{text}' is not KEY=VALUE*write it as e.g. VERSION=1.2.3");
    }

    [Fact]
    public void ToDictionary_ANameGivenTwice_KeepsTheLastValue()
    {
        var arguments = BuildArgument.ToDictionary([BuildArgument.Parse("A=1"), BuildArgument.Parse("B=2"), BuildArgument.Parse("A=3")]);

        arguments.Should().Equal(new Dictionary<string, string> { ["A"] = "3", ["B"] = "2" });
    }
}
