using System.Runtime.Versioning;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Pipeline.Registry;

namespace Pipeline.Manifests.Tests;

public sealed class PullSecretTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("manifests-secret-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static PullSecret Create(string username, string password, string? email = null, RegistryHost? registry = null) =>
        new(DnsLabel.Parse("regcred"), DnsLabel.DefaultNamespace, registry ?? Samples.Registry,
            new RegistryCredentials(username, password, CredentialSource.Explicit("the test")), email);

    private static byte[] KubectlDockerConfigJson(JsonNode secret) =>
        Convert.FromBase64String(secret["data"]![".dockerconfigjson"]!.GetValue<string>());

    [Fact]
    public async Task DockerConfigJson_EqualsKubectlsWithEmail()
    {
        var kubectl = await Kubectl.CreateSecretDockerRegistryAsync(
            "regcred", "--docker-server=127.0.0.1:5000", "--docker-username=u", "--docker-password=p", "--docker-email=e");

        var ours = Create("u", "p", "e").DockerConfigJson();

        JsonNode.DeepEquals(JsonNode.Parse(ours), JsonNode.Parse(KubectlDockerConfigJson(kubectl))).Should().BeTrue();
        Encoding.UTF8.GetString(ours).Should().Be(Encoding.UTF8.GetString(KubectlDockerConfigJson(kubectl)), "plain ASCII renders byte for byte alike");
    }

    [Fact]
    public async Task DockerConfigJson_EqualsKubectlsWithoutEmail()
    {
        var kubectl = await Kubectl.CreateSecretDockerRegistryAsync(
            "regcred", "--docker-server=127.0.0.1:5000", "--docker-username=u", "--docker-password=p");

        var ours = Create("u", "p").DockerConfigJson();

        JsonNode.DeepEquals(JsonNode.Parse(ours), JsonNode.Parse(KubectlDockerConfigJson(kubectl))).Should().BeTrue();
        JsonNode.Parse(ours)!["auths"]!["127.0.0.1:5000"]!.AsObject().Select(p => p.Key).Should().Equal("username", "password", "auth");
    }

    // Throw-away test passwords: kubectl, the reference, gets them on its command line; Pipeline never does.
    [Theory]
    [InlineData("p\"q")]
    [InlineData("back\\slash")]
    [InlineData("<html>&amp;")]
    [InlineData("café-Ärger-日本")]
    [InlineData("emoji-😀-🚀")]
    [InlineData("tab\tnew\nline\u0001\b\f\u2028")]
    [InlineData("p\"<&é\\ x:y")]
    public async Task DockerConfigJson_EqualsKubectlsBytesForPasswordsThatNeedEscaping(string password)
    {
        var kubectl = await Kubectl.CreateSecretDockerRegistryAsync(
            "regcred", "--docker-server=127.0.0.1:5000", "--docker-username=ci-bot", $"--docker-password={password}", "--docker-email=dev+ci@example.com");

        var ours = Create("ci-bot", password, "dev+ci@example.com").DockerConfigJson();

        ours.Should().Equal(KubectlDockerConfigJson(kubectl), "the bytes are Go's encoding/json's, as kubectl writes them");
    }

    [Fact]
    public async Task DockerConfigJson_UsesKubectlsDockerHubServerForDockerHub()
    {
        var kubectl = await Kubectl.CreateSecretDockerRegistryAsync("regcred", "--docker-username=u", "--docker-password=p");

        var ours = Create("u", "p", registry: RegistryHost.DockerHub).DockerConfigJson();

        JsonNode.DeepEquals(JsonNode.Parse(ours), JsonNode.Parse(KubectlDockerConfigJson(kubectl))).Should().BeTrue();
    }

    [Fact]
    public async Task ToV1Secret_HasKubectlsTypeNameAndDataKey()
    {
        var kubectl = await Kubectl.CreateSecretDockerRegistryAsync(
            "regcred", "--docker-server=127.0.0.1:5000", "--docker-username=u", "--docker-password=p");

        var secret = Create("u", "p").ToV1Secret();

        secret.Type.Should().Be(kubectl["type"]!.GetValue<string>());
        secret.Metadata.Name.Should().Be(kubectl["metadata"]!["name"]!.GetValue<string>());
        secret.Metadata.NamespaceProperty.Should().Be("default");
        secret.Data.Keys.Should().Equal(kubectl["data"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task PullSecretAuths_ReadsWhatKubectlCreates()
    {
        var kubectl = await Kubectl.CreateSecretDockerRegistryAsync(
            "regcred", "--docker-server=http://127.0.0.1:5000/v2/", "--docker-username=u", "--docker-password=p");

        var entry = PullSecretAuths.Read(KubernetesJson.Deserialize<V1Secret>(kubectl.ToJsonString())).FindFor(Samples.Image);

        entry.Should().NotBeNull();
        entry!.Credentials.Username.Should().Be("u");
        entry.Credentials.Password.Should().Be("p");
    }

    [Fact]
    public void ToString_NamesTheSecretAndUserButNeverThePassword()
    {
        var secret = Create("ci", "s3cr3t-Passw0rd");

        secret.ToString().Should().Be("pull secret default/regcred for 127.0.0.1:5000 (user ci, password from the test)");
        foreach (var masked in secret.SecretsToMask)
        {
            secret.ToString().Should().NotContain(masked);
        }
    }

    [Fact]
    public void SecretsToMask_CoversThePasswordTheAuthFieldAndTheEncodedConfig()
    {
        var secret = Create("ci", "pa\"ss");

        secret.SecretsToMask.Should().BeEquivalentTo(
            "pa\"ss",
            "pa\\\"ss",
            Convert.ToBase64String(Encoding.UTF8.GetBytes("ci:pa\"ss")),
            Convert.ToBase64String(secret.DockerConfigJson()));
        KubernetesYaml.Serialize(secret.ToV1Secret()).Should().Contain(Convert.ToBase64String(secret.DockerConfigJson()));
        Encoding.UTF8.GetString(secret.DockerConfigJson()).Should().Contain("pa\\\"ss");
    }

    [Fact]
    [UnsupportedOSPlatform("windows")] // file modes are POSIX; Windows uses the directory's ACLs
    public async Task WriteAsync_CreatesTheFileWithMode0600()
    {
        var path = await Create("ci", "s3cr3t").WriteAsync(Path.Combine(_directory, "secrets", "regcred.yaml"), CancellationToken.None);

        File.GetUnixFileMode(path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var loaded = KubernetesYaml.Deserialize<V1Secret>(await File.ReadAllTextAsync(path), strict: true);
        loaded.Type.Should().Be("kubernetes.io/dockerconfigjson");
        Directory.GetFiles(Path.GetDirectoryName(path)!).Should().Equal(path);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")] // file modes are POSIX; Windows uses the directory's ACLs
    public async Task WriteAsync_ReplacesAWorldReadableFileWithA0600One()
    {
        var path = Path.Combine(_directory, "regcred.yaml");
        await File.WriteAllTextAsync(path, "old");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        await Create("ci", "s3cr3t").WriteAsync(path, CancellationToken.None);

        File.GetUnixFileMode(path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        (await File.ReadAllTextAsync(path)).Should().Contain("kind: Secret");
    }

    [Fact]
    public async Task Render_WritesNothingButTheManifestUnlessAskedTo()
    {
        var secret = Create("ci", "s3cr3t-Passw0rd");
        var manifests = ManifestRenderer.Render(Samples.Settings).WithPullSecret(secret);

        var path = await ManifestWriter.WriteAsync(manifests, Path.Combine(_directory, "k8s", "orders-api.yaml"), CancellationToken.None);

        Directory.GetFiles(_directory, "*", SearchOption.AllDirectories).Should().Equal(path);
        (await File.ReadAllTextAsync(path)).Should().NotContain("s3cr3t-Passw0rd");
    }

    [Fact]
    public void Constructor_RejectsAnonymousCredentials()
    {
        var create = () => new PullSecret(DnsLabel.Parse("regcred"), DnsLabel.DefaultNamespace, Samples.Registry, RegistryCredentials.Anonymous);

        create.Should().Throw<ManifestException>().Where(e => e.Kind == ManifestFailureKind.UnusableCredentials)
            .WithMessage("cannot build pull secret 'regcred' for 127.0.0.1:5000 from anonymous*");
    }

    [Fact]
    public void Constructor_RejectsIdentityTokensTheKubeletCannotUse()
    {
        var credentials = new RegistryCredentials("ci", password: null, CredentialSource.Explicit(), identityToken: "refresh-token-value");

        var create = () => new PullSecret(DnsLabel.Parse("regcred"), DnsLabel.DefaultNamespace, Samples.Registry, credentials);

        create.Should().Throw<ManifestException>().Which.Message.Should().Contain("identity tokens are not accepted").And.NotContain("refresh-token-value");
    }
}
