using Pipeline.Image;

namespace Pipeline.Image.Tests;

public class BaseImageTests
{
    [Fact]
    public void Parse_ReadsLocalKeywordAndReferences()
    {
        BaseImage.Parse("local").IsLocal.Should().BeTrue();
        BaseImage.Parse("LOCAL").Should().Be(BaseImage.Local);
        var named = BaseImage.Parse("mcr.microsoft.com/dotnet/runtime-deps:10.0");
        named.IsLocal.Should().BeFalse();
        named.ToString().Should().Be("mcr.microsoft.com/dotnet/runtime-deps:10.0");
    }

    [Fact]
    public void Parse_RejectsWithFix()
    {
        var act = () => BaseImage.Parse("Not An Image");

        act.Should().Throw<FormatException>().WithMessage("*'Not An Image'*pass 'local'*");
    }
}
