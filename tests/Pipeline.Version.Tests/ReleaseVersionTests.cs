using Pipeline.Version;

namespace Pipeline.Version.Tests;

public class ReleaseVersionTests
{
    [Theory]
    [InlineData("7.10.1", "7.10.1", "v7.10.1")]
    [InlineData("v7.10.1", "7.10.1", "v7.10.1")]
    [InlineData("V2.0.0", "2.0.0", "v2.0.0")]
    [InlineData("1.0.0-rc.1", "1.0.0-rc.1", "v1.0.0-rc.1")]
    [InlineData("1.0.0-alpha-beta.0.x7", "1.0.0-alpha-beta.0.x7", "v1.0.0-alpha-beta.0.x7")]
    [InlineData("1.0.0+abc", "1.0.0+abc", "v1.0.0_abc")]
    [InlineData("1.0.0-rc.1+build.007", "1.0.0-rc.1+build.007", "v1.0.0-rc.1_build.007")]
    [InlineData("0.0.0", "0.0.0", "v0.0.0")]
    public void Parse_AcceptsSemVer(string input, string text, string tag)
    {
        var version = ReleaseVersion.Parse(input);

        version.ToString().Should().Be(text);
        version.ImageTag.Should().Be(tag);
        version.ImageTag.Should().MatchRegex(@"^[\w][\w.-]{0,127}$");
    }

    [Fact]
    public void Parse_ExposesParts()
    {
        var version = ReleaseVersion.Parse("v3.14.159-rc.2+sha.5114f85");

        version.Major.Should().Be(3);
        version.Minor.Should().Be(14);
        version.Patch.Should().Be(159);
        version.Prerelease.Should().Be("rc.2");
        version.BuildMetadata.Should().Be("sha.5114f85");
        version.IsPrerelease.Should().BeTrue();
    }

    [Theory]
    [InlineData("7.10 1", "whitespace")]
    [InlineData(" 1.2.3", "whitespace")]
    [InlineData("", "empty")]
    [InlineData("1.2", "three numbers")]
    [InlineData("1.2.3.4", "three numbers")]
    [InlineData("01.2.3", "leading zero")]
    [InlineData("1.2.3-01", "leading zero")]
    [InlineData("1.2.x", "not a number")]
    [InlineData("1.2.3-rc..1", "empty identifier")]
    [InlineData("1.2.3+", "empty identifier")]
    [InlineData("1.2.3-rc_1", "letters, digits and '-'")]
    [InlineData("1.2.3+a/b", "letters, digits and '-'")]
    [InlineData("1.2.3-ünicode", "letters, digits and '-'")]
    [InlineData("99999999999.0.0", "too large")]
    [InlineData("latest", "three numbers")]
    public void Parse_RejectsWithMessageNamingInputAndFix(string input, string reason)
    {
        var act = () => ReleaseVersion.Parse(input);

        var exception = act.Should().Throw<FormatException>().Which;
        exception.Message.Should().Contain($"'{input}'").And.Contain(reason).And.Contain("such as 1.2.3");
        ReleaseVersion.TryParse(input, out _).Should().BeFalse();
    }

    [Fact]
    public void Parse_RejectsVersionWhoseTagExceedsDockerLimit()
    {
        var input = "1.0.0-" + new string('a', 122);

        var act = () => ReleaseVersion.Parse(input);

        act.Should().Throw<FormatException>().WithMessage("*at most 128*");
        ReleaseVersion.Parse("1.0.0-" + new string('a', 121)).ImageTag.Should().HaveLength(128);
    }

    [Fact]
    public void CompareTo_FollowsSemVerPrecedence()
    {
        // The ordering example from semver.org §11, shuffled.
        string[] ordered =
        [
            "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
            "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.2.0", "1.10.0", "2.0.0",
        ];
        var shuffled = ordered.Reverse().Select(ReleaseVersion.Parse).ToList();

        shuffled.Sort();

        shuffled.Select(v => v.ToString()).Should().Equal(ordered);
    }

    [Fact]
    public void CompareTo_IgnoresBuildMetadataButEqualityDoesNot()
    {
        var a = ReleaseVersion.Parse("1.0.0+a");
        var b = ReleaseVersion.Parse("1.0.0+b");

        a.CompareTo(b).Should().Be(0);
        a.Should().NotBe(b);
        ReleaseVersion.Parse("v1.0.0").Should().Be(ReleaseVersion.Parse("1.0.0"));
        (ReleaseVersion.Parse("1.0.0-rc.1") < ReleaseVersion.Parse("1.0.0")).Should().BeTrue();
    }

    [Fact]
    public void Constructor_ValidatesParts()
    {
        new ReleaseVersion(1, 2, 3, "rc.1").ToString().Should().Be("1.2.3-rc.1");

        var act = () => new ReleaseVersion(1, -2, 3);
        act.Should().Throw<FormatException>().WithMessage("*negative*");
    }

    [Fact]
    public void Default_EqualsZeroVersion()
    {
        default(ReleaseVersion).Should().Be(new ReleaseVersion(0, 0, 0));
        default(ReleaseVersion).ToString().Should().Be("0.0.0");
    }
}
