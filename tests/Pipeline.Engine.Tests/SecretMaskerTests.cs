using System.Text;
using Pipeline.Engine.Output;

namespace Pipeline.Engine.Tests;

public sealed class SecretMaskerTests
{
    [Fact]
    public void Apply_ReplacesTheSecretAndItsBase64()
    {
        var masker = new SecretMasker();
        masker.Add("hunter2hunter2");

        masker.Apply("a hunter2hunter2 b aHVudGVyMmh1bnRlcjI= c").Should().Be("a *** b *** c");
    }

    [Theory]
    [InlineData("")]
    [InlineData("x")]
    [InlineData("xy")]
    public void Apply_FindsTheSecretInsideALargerBase64BlobAtEveryAlignment(string prefix)
    {
        var masker = new SecretMasker();
        masker.Add("correct-horse-battery");
        var blob = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{{\"auth\":\"{prefix}correct-horse-battery\"}}"));

        var masked = masker.Apply(blob);

        masked.Should().Contain("***");
        masked.Replace("***", "", StringComparison.Ordinal).Length.Should().BeLessThan(blob.Length - 20, "the secret's 28 base64 characters are gone");
    }

    [Fact]
    public void Add_ReturnsOnlyFormsNotKnownBefore()
    {
        var masker = new SecretMasker();

        masker.Add("token-123456").Should().Contain("token-123456");
        masker.Add("token-123456").Should().BeEmpty();
        masker.Add("   ").Should().BeEmpty();
    }
}
