using System.Text;

namespace Pipeline.Registry.Tests;

public class DigestTests
{
    [Fact]
    public void ComputeSha256_MatchesTheKnownHashOfEmptyInput()
    {
        Digest.ComputeSha256([]).ToString().Should().Be("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    [Theory]
    [InlineData("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", true)]
    [InlineData("sha512:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", true)]
    [InlineData("multihash+base58:0123456789abcdef0123456789abcdef", true)]
    [InlineData("sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855", false)]
    [InlineData("sha256:e3b0", false)]
    [InlineData("SHA256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", false)]
    [InlineData("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", false)]
    [InlineData("", false)]
    public void TryParse_FollowsTheDigestGrammar(string input, bool valid)
    {
        Digest.TryParse(input, out var digest).Should().Be(valid);
        if (valid)
        {
            digest.ToString().Should().Be(input);
        }
    }

    [Fact]
    public void Parse_Invalid_NamesInputAndFix()
    {
        var parse = () => Digest.Parse("sha256:abc");

        parse.Should().Throw<FormatException>().WithMessage("digest 'sha256:abc' is invalid: sha256 needs 64 lower-case hex characters after ':'");
    }

    [Fact]
    public void ComputeSha256_EqualContent_EqualDigests()
    {
        Digest.ComputeSha256(Encoding.UTF8.GetBytes("a")).Should().Be(Digest.ComputeSha256(Encoding.UTF8.GetBytes("a")));
    }
}
