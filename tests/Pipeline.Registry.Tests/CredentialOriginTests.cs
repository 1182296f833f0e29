namespace Pipeline.Registry.Tests;

public class CredentialOriginTests
{
    [Theory]
    [InlineData("https://nexus.example.com/v2/", "https://NEXUS.example.com:443/other", true)]
    [InlineData("https://nexus.example.com/v2/", "http://nexus.example.com/v2/", false)]
    [InlineData("https://nexus.example.com/v2/", "https://nexus.example.com:8443/v2/", false)]
    [InlineData("http://127.0.0.1:5000/", "http://127.0.0.2:5000/", false)]
    [InlineData("http://[::1]:5000/", "http://[::1]:5000/v2/", true)]
    public void Contains_ComparesSchemeHostAndPort(string origin, string uri, bool expected) =>
        CredentialOrigin.Of(new Uri(origin)).Contains(new Uri(uri)).Should().Be(expected);

    [Theory]
    [InlineData("http://localhost:5000/", true)]
    [InlineData("http://registry.localhost/", true)]
    [InlineData("http://127.0.0.2:80/", true)]
    [InlineData("http://[::1]/", true)]
    [InlineData("http://10.0.0.1/", false)]
    [InlineData("http://localhost.example.com/", false)]
    public void IsLoopback_OnlyForThisMachine(string uri, bool expected) =>
        CredentialOrigin.Of(new Uri(uri)).IsLoopback.Should().Be(expected);
}
