using System.Text;
using System.Text.Json;
using Pipeline.Registry;
using Pipeline.RegistryHosting;

namespace Pipeline.RegistryHosting.Tests;

public sealed class MirrorNodeConfigurationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("registry-mirror-nodes-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("containerd/certs.d/docker.io/hosts.toml", "hosts.toml")]
    [InlineData("docker/daemon.json", "daemon.json")]
    public void Files_MatchTheGoldenFilesByteForByte(string relativePath, string fixture)
    {
        var file = RegistryMirrorRenderer.RenderNodeConfiguration(HostingSamples.Mirror).Files.Single(f => f.RelativePath == relativePath);

        Encoding.UTF8.GetBytes(file.Content).Should().Equal(File.ReadAllBytes(HostingSamples.Fixture(fixture)));
    }

    [Fact]
    public void Instructions_MatchTheGoldenTextAndRunNothing()
    {
        var instructions = RegistryMirrorRenderer.RenderNodeConfiguration(HostingSamples.Mirror).Instructions;

        instructions.Text.Should().Be(File.ReadAllText(HostingSamples.Fixture("mirror-instructions.txt")));
        instructions.ToString().Should().Be(instructions.Text);
    }

    [Fact]
    public void Files_GoToContainerdsUpstreamDirectoryAndDockersDaemonJson()
    {
        var files = RegistryMirrorRenderer.RenderNodeConfiguration(HostingSamples.Mirror).Files;

        files.Select(file => (file.Runtime, file.NodePath)).Should().Equal(
            (NodeRuntime.Containerd, "/etc/containerd/certs.d/docker.io/hosts.toml"),
            (NodeRuntime.DockerEngine, "/etc/docker/daemon.json"));
    }

    [Fact]
    public void DaemonJson_ForAnHttpsMirror_ListsOnlyTheMirrorNotAnInsecureRegistry()
    {
        var settings = new RegistryMirrorSettings(new Uri("https://docker.io"), new Uri("https://mirror.example.com:5443"), RegistryStorage.PersistentVolumeClaim("1Gi"));

        var daemon = RegistryMirrorRenderer.RenderNodeConfiguration(settings).Files.Single(file => file.Runtime == NodeRuntime.DockerEngine);

        using var json = JsonDocument.Parse(daemon.Content);
        json.RootElement.EnumerateObject().Select(property => property.Name).Should().Equal("registry-mirrors");
        json.RootElement.GetProperty("registry-mirrors")[0].GetString().Should().Be("https://mirror.example.com:5443");
    }

    [Fact]
    public void HostsToml_ForAnHttpsMirror_SkipsVerificationAndNamesTheCaOnlyWhenAsked()
    {
        var plain = new RegistryMirrorSettings(new Uri("https://docker.io"), new Uri("https://mirror.example.com"), RegistryStorage.PersistentVolumeClaim("1Gi"));
        var withOptions = plain with { SkipTlsVerify = true, MirrorCaCertificatePem = HostingSamples.CaPem };

        var plainToml = HostsToml(plain);
        var optionsToml = HostsToml(withOptions);

        plainToml.Should().Contain("[host.\"https://mirror.example.com\"]\n  capabilities = [\"pull\", \"resolve\"]\n").And.NotContain("skip_verify").And.NotContain("ca =");
        optionsToml.Should().Contain("  skip_verify = true\n").And.Contain("  ca = \"/etc/containerd/certs.d/docker.io/mirror-ca.crt\"\n");
    }

    [Fact]
    public void Files_WithACa_InstallItBesideHostsTomlAndInDockersCertsDirectory()
    {
        var settings = new RegistryMirrorSettings(new Uri("https://docker.io"), new Uri("https://mirror.example.com:5443"), RegistryStorage.PersistentVolumeClaim("1Gi"))
        {
            MirrorCaCertificatePem = HostingSamples.CaPem,
        };

        var files = RegistryMirrorRenderer.RenderNodeConfiguration(settings).Files;

        files.Where(file => file.Content == HostingSamples.CaPem).Select(file => file.NodePath).Should().Equal(
            "/etc/containerd/certs.d/docker.io/mirror-ca.crt", "/etc/docker/certs.d/mirror.example.com:5443/ca.crt");
    }

    [Fact]
    public void Files_ForAnUpstreamOtherThanDockerHub_AreContainerdOnlyAndTheInstructionsSayWhy()
    {
        var settings = new RegistryMirrorSettings(new Uri("https://ghcr.io"), new Uri("http://10.0.0.5:30501"), RegistryStorage.PersistentVolumeClaim("1Gi"));

        var nodes = RegistryMirrorRenderer.RenderNodeConfiguration(settings);

        nodes.Files.Should().ContainSingle().Which.NodePath.Should().Be("/etc/containerd/certs.d/ghcr.io/hosts.toml");
        nodes.Files[0].Content.Should().Contain("server = \"https://ghcr.io\"\n");
        nodes.Instructions.Text.Should().Contain("registry-mirrors setting mirrors Docker Hub only");
    }

    [Fact]
    public async Task WriteAsync_WritesEachFileUnderTheOutputDirectoryAndReturnsWhereItGoes()
    {
        var nodes = RegistryMirrorRenderer.RenderNodeConfiguration(HostingSamples.Mirror);

        var written = await nodes.WriteAsync(Path.Combine(_directory, "nodes"), CancellationToken.None);

        written.Select(file => file.NodePath).Should().Equal(nodes.Files.Select(file => file.NodePath));
        foreach (var (file, content) in written.Zip(nodes.Files.Select(file => file.Content)))
        {
            file.LocalPath.Should().StartWith(Path.Combine(_directory, "nodes") + Path.DirectorySeparatorChar);
            File.ReadAllBytes(file.LocalPath).Should().Equal(new UTF8Encoding(false).GetBytes(content));
        }

        written[0].LocalPath.Should().Be(Path.Combine(_directory, "nodes", "containerd", "certs.d", "docker.io", "hosts.toml"));
    }

    [Fact]
    public async Task WriteAsync_TwoRunsWriteIdenticalBytes()
    {
        var first = await RegistryMirrorRenderer.RenderNodeConfiguration(HostingSamples.Mirror).WriteAsync(Path.Combine(_directory, "a"), CancellationToken.None);
        var second = await RegistryMirrorRenderer.RenderNodeConfiguration(HostingSamples.Mirror).WriteAsync(Path.Combine(_directory, "b"), CancellationToken.None);

        first.Select(file => File.ReadAllBytes(file.LocalPath)).Should().BeEquivalentTo(second.Select(file => File.ReadAllBytes(file.LocalPath)), options => options.WithStrictOrdering());
    }

    [Fact]
    public void HostsToml_ForALoopbackTestUpstream_NamesItsHostAndPortDirectory()
    {
        var settings = new RegistryMirrorSettings(new Uri("http://127.0.0.1:5000"), new Uri("http://127.0.0.1:5001"), RegistryStorage.PersistentVolumeClaim("1Gi"));

        var file = RegistryMirrorRenderer.RenderNodeConfiguration(settings).Files.Single();

        settings.UpstreamRegistry.Should().Be(RegistryHost.Parse("127.0.0.1:5000"));
        file.NodePath.Should().Be("/etc/containerd/certs.d/127.0.0.1:5000/hosts.toml");
        file.Content.Should().Contain("server = \"http://127.0.0.1:5000\"\n\n[host.\"http://127.0.0.1:5001\"]\n");
    }

    private static string HostsToml(RegistryMirrorSettings settings) =>
        RegistryMirrorRenderer.RenderNodeConfiguration(settings).Files.Single(file => file.RelativePath.EndsWith("hosts.toml", StringComparison.Ordinal)).Content;
}
