using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Pipeline.Engine.Output;

namespace Pipeline.Engine.Tests;

public sealed class SecretMaskerTests
{
    // As Go's encoding/json and Newtonsoft write strings: only quotes, backslashes and controls escaped.
    private static readonly JsonSerializerOptions RelaxedJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

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

    [Fact]
    public void Apply_MasksTheSecretAsJsonWritesIt()
    {
        const string secret = "p\"a+ss<w>&\\ord-é";
        var masker = new SecretMasker();
        masker.Add(secret);
        var strict = JsonSerializer.Serialize(new { password = secret });
        var relaxed = JsonSerializer.Serialize(new { password = secret }, RelaxedJson);

        strict.Should().Contain("\\u0022", "System.Text.Json escapes the quote as \\u0022 by default");
        masker.Apply(strict).Should().Be("{\"password\":\"***\"}");
        masker.Apply(relaxed).Should().Be("{\"password\":\"***\"}");
    }

    [Fact]
    public void Apply_MasksTheSecretAsAUrlOrAFormBodyCarriesIt()
    {
        const string secret = "pass word&key=+/x";
        var masker = new SecretMasker();
        masker.Add(secret);

        masker.Apply($"GET /token?password={Uri.EscapeDataString(secret)}&scope=pull").Should().Be("GET /token?password=***&scope=pull");
        masker.Apply($"grant_type=password&password={WebUtility.UrlEncode(secret)}").Should().Be("grant_type=password&password=***");
    }

    [Fact]
    public void Apply_MasksEachLineOfAMultiLineSecretButNotItsShape()
    {
        const string keyFile = "{\n  \"type\": \"service_account\",\n  \"private_key\": \"MIIEvQIBADANBgkqhkiG9w0BAQEFAASC\"\n}\n";
        var masker = new SecretMasker();
        masker.Add(keyFile);

        // A tool prints the file one line at a time: each line must be masked on its own.
        var printed = keyFile.Split('\n').Select(masker.Apply).ToList();

        printed.Should().Equal("{", "  ***", "  ***", "}", "");
        masker.Apply(keyFile).Should().Be("***");
    }
}
