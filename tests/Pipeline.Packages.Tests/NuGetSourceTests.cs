using Pipeline.Components.Packages;

namespace Pipeline.Packages.Tests;

public sealed class NuGetSourceTests
{
    [Theory]
    [InlineData("https://nuget.example.com/v3/index.json")]
    [InlineData("http://127.0.0.1:5555/v3/index.json")]
    [InlineData("http://localhost:5555/v3/index.json")]
    public void Parse_HttpsOrLoopbackHttp_KeepsTheServiceIndex(string text)
    {
        NuGetSource.Parse(text).ServiceIndex.Should().Be(new Uri(text));
    }

    [Fact]
    public void Parse_PlainHttpToAnotherHost_FailsBecauseTheKeyWouldTravelInClearText()
    {
        var parse = () => NuGetSource.Parse("http://nuget.example.com/v3/index.json");

        parse.Should().Throw<FormatException>().WithMessage("*plain HTTP*clear text*https://*");
    }

    [Theory]
    [InlineData("nuget.example.com/v3/index.json")]
    [InlineData("ftp://nuget.example.com/index.json")]
    public void Parse_NotAnHttpUrl_FailsNamingTheExpectedForm(string text)
    {
        var parse = () => NuGetSource.Parse(text);

        parse.Should().Throw<FormatException>().WithMessage($"*'{text}'*index.json*");
    }

    [Fact]
    public void Parse_CredentialsInTheUrl_FailsWithoutEchoingThem()
    {
        var parse = () => NuGetSource.Parse("https://user:hunter2@nuget.example.com/v3/index.json");

        parse.Should().Throw<FormatException>().Which.Message.Should().Contain("NUGET_API_KEY").And.NotContain("hunter2");
    }
}
