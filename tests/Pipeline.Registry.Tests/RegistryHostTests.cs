namespace Pipeline.Registry.Tests;

public class RegistryHostTests
{
    [Theory]
    [InlineData("localhost:5000", "localhost", 5000, true)]
    [InlineData("127.0.0.1:5000", "127.0.0.1", 5000, true)]
    [InlineData("127.8.9.1", "127.8.9.1", null, true)]
    [InlineData("[::1]:5000", "[::1]", 5000, true)]
    [InlineData("nexus.example.com:8082", "nexus.example.com", 8082, false)]
    [InlineData("docker.io", "docker.io", null, false)]
    public void Parse_ValidHost_SplitsHostAndPort(string input, string hostname, int? port, bool loopback)
    {
        var host = RegistryHost.Parse(input);

        host.ToString().Should().Be(input);
        host.Hostname.Should().Be(hostname);
        host.Port.Should().Be(port);
        host.IsLoopback.Should().Be(loopback);
    }

    [Fact]
    public void Parse_DockerHubAliases_NormaliseToDockerIo()
    {
        RegistryHost.Parse("index.docker.io").Should().Be(RegistryHost.DockerHub);
        RegistryHost.Parse("Docker.IO").IsDockerHub.Should().BeTrue();
        default(RegistryHost).Should().Be(RegistryHost.DockerHub);
        RegistryHost.DockerHub.ApiAuthority.Should().Be("registry-1.docker.io");
    }

    [Theory]
    [InlineData("https://nexus.example.com:8082", "without a scheme or path: use e.g. 'nexus.example.com:8082'")]
    [InlineData("host:0", "invalid port")]
    [InlineData("host:abc", "invalid")]
    [InlineData("-host", "invalid")]
    [InlineData(" ", "cannot be empty")]
    public void Parse_InvalidHost_NamesTheFix(string input, string expected)
    {
        var parse = () => RegistryHost.Parse(input);

        parse.Should().Throw<FormatException>().WithMessage($"*{expected}*");
    }
}
