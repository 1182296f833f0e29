namespace Pipeline.Manifests.Tests;

public class DnsLabelTests
{
    [Theory]
    [InlineData("orders-api")]
    [InlineData("a")]
    [InlineData("0day")]
    [InlineData("abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij123")]
    public void Parse_AcceptsRfc1123Labels(string name) =>
        DnsLabel.Parse(name).Value.Should().Be(name);

    [Theory]
    [InlineData("Orders_API", "orders-api")]
    [InlineData("-orders", "orders")]
    [InlineData("orders.api", "orders-api")]
    [InlineData("orders-", "orders")]
    public void Parse_RejectsInvalidNamesSuggestingAValidOne(string name, string suggestion)
    {
        var parse = () => DnsLabel.Parse(name);

        parse.Should().Throw<FormatException>()
            .WithMessage($"'{name}' is not a valid Kubernetes name*lower-case letters*'{suggestion}'*");
    }

    [Fact]
    public void Parse_RejectsNamesLongerThan63Characters()
    {
        var tooLong = new string('a', 64);

        DnsLabel.TryParse(tooLong, out _).Should().BeFalse();
        ((Func<DnsLabel>)(() => DnsLabel.Parse(tooLong))).Should().Throw<FormatException>().WithMessage("*at most 63*");
    }

    [Theory]
    [InlineData("prod\n")]
    [InlineData("prod\r\n")]
    [InlineData("\nprod")]
    public void TryParse_RejectsALineBreak(string name) =>
        DnsLabel.TryParse(name, out _).Should().BeFalse("a value from an environment file keeps its newline, and the API server refuses it");

    [Fact]
    public void TryParse_RejectsEmptyAndNull()
    {
        DnsLabel.TryParse("", out _).Should().BeFalse();
        DnsLabel.TryParse(null, out _).Should().BeFalse();
    }
}
