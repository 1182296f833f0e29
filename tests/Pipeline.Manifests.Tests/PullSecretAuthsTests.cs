using System.Text;
using System.Text.Json;
using k8s.Models;
using Pipeline.Registry;

namespace Pipeline.Manifests.Tests;

public class PullSecretAuthsTests
{
    private static V1Secret Secret(string type, string dataKey, string json) => new()
    {
        ApiVersion = "v1",
        Kind = "Secret",
        Type = type,
        Metadata = new V1ObjectMeta { Name = "regcred", NamespaceProperty = "shop" },
        Data = new Dictionary<string, byte[]> { [dataKey] = Encoding.UTF8.GetBytes(json) },
    };

    private static V1Secret DockerConfigJson(params (string Server, string User)[] entries) => Secret(
        "kubernetes.io/dockerconfigjson",
        ".dockerconfigjson",
        JsonSerializer.Serialize(new
        {
            auths = entries.ToDictionary(e => e.Server, e => new { username = e.User, password = "pw-" + e.User }),
        }));

    [Theory]
    [InlineData("127.0.0.1:5000", "127.0.0.1:5000/orders-api:v1", true)]
    [InlineData("https://127.0.0.1:5000", "127.0.0.1:5000/orders-api:v1", true)]
    [InlineData("http://127.0.0.1:5000", "127.0.0.1:5000/orders-api:v1", true)]
    [InlineData("http://127.0.0.1:5000/v2/", "127.0.0.1:5000/orders-api:v1", true)]
    [InlineData("https://127.0.0.1:5000/v1/", "127.0.0.1:5000/orders-api:v1", true)]
    [InlineData("127.0.0.1:5001", "127.0.0.1:5000/orders-api:v1", false)]
    [InlineData("127.0.0.1", "127.0.0.1:5000/orders-api:v1", false)]
    [InlineData("localhost:5000", "127.0.0.1:5000/orders-api:v1", false)]
    [InlineData("nexus.example.com:8082", "nexus.example.com:8082/team/orders:v1", true)]
    [InlineData("nexus.example.com", "nexus.example.com:8082/team/orders:v1", false)]
    [InlineData("*.example.com", "nexus.example.com/team/orders:v1", true)]
    [InlineData("*.example.com", "a.nexus.example.com/team/orders:v1", false)]
    [InlineData("nexus.example.com/team", "nexus.example.com/team/orders:v1", true)]
    [InlineData("https://nexus.example.com/v2/team", "nexus.example.com/team/orders:v1", true)]
    [InlineData("nexus.example.com/other", "nexus.example.com/team/orders:v1", false)]
    [InlineData("https://index.docker.io/v1/", "nginx:1.27", true)]
    [InlineData("https://index.docker.io/v1/", "docker.io/team/orders:v1", true)]
    [InlineData("index.docker.io", "team/orders:v1", true)]
    [InlineData("docker.io", "docker.io/library/nginx:1.27", true)]
    [InlineData("https://index.docker.io/v1/", "127.0.0.1:5000/orders-api:v1", false)]
    [InlineData("[::1]:5000", "[::1]:5000/orders-api:v1", true)]
    public void FindFor_MatchesKeysLikeTheKubelet(string server, string image, bool matches)
    {
        var auths = PullSecretAuths.Read(DockerConfigJson((server, "ci")));

        var entry = auths.FindFor(ImageReference.Parse(image));

        (entry is not null).Should().Be(matches);
        if (matches)
        {
            entry!.Server.Should().Be(server);
            entry.Credentials.Password.Should().Be("pw-ci");
        }
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/v2/", "127.0.0.1:5000", true)]
    [InlineData("127.0.0.1:5000/team", "127.0.0.1:5000", false)]
    [InlineData("https://index.docker.io/v1/", "docker.io", true)]
    [InlineData("https://index.docker.io/v1/", "127.0.0.1:5000", false)]
    public void FindFor_RegistryHostMatchesHostWideKeys(string server, string registry, bool matches)
    {
        var auths = PullSecretAuths.Read(DockerConfigJson((server, "ci")));

        (auths.FindFor(RegistryHost.Parse(registry)) is not null).Should().Be(matches);
    }

    [Fact]
    public void FindAllFor_TriesTheMostSpecificKeyFirst()
    {
        var auths = PullSecretAuths.Read(DockerConfigJson(("nexus.example.com", "wide"), ("nexus.example.com/team", "team")));

        auths.FindAllFor(ImageReference.Parse("nexus.example.com/team/orders:v1")).Select(e => e.Credentials.Username)
            .Should().Equal("team", "wide");
        auths.FindFor(ImageReference.Parse("nexus.example.com/other/orders:v1"))!.Credentials.Username.Should().Be("wide");
    }

    [Fact]
    public void Read_AuthFieldWinsOverUsernameAndPassword()
    {
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes("real:pa:ss"));
        var secret = Secret("kubernetes.io/dockerconfigjson", ".dockerconfigjson",
            """{"auths":{"127.0.0.1:5000":{"username":"stale","password":"stale","auth":""" + $"\"{auth}\"" + "}}}");

        var entry = PullSecretAuths.Read(secret).Entries.Should().ContainSingle().Subject;

        entry.Credentials.Username.Should().Be("real");
        entry.Credentials.Password.Should().Be("pa:ss");
        entry.Credentials.Source.Description.Should().Be("pull secret shop/regcred entry '127.0.0.1:5000'");
    }

    [Fact]
    public void Read_ReadsTheLegacyDockercfgFormat()
    {
        var secret = Secret("kubernetes.io/dockercfg", ".dockercfg", """{"127.0.0.1:5000":{"username":"u","password":"p","email":"e"}}""");

        var entry = PullSecretAuths.Read(secret).FindFor(Samples.Image);

        entry!.Email.Should().Be("e");
        entry.Credentials.Username.Should().Be("u");
    }

    [Fact]
    public void Read_ReadsWhatPullSecretBuilds()
    {
        var built = new PullSecret(DnsLabel.Parse("regcred"), DnsLabel.DefaultNamespace, Samples.Registry,
            new RegistryCredentials("ci", "s3cr3t", CredentialSource.Explicit()), "ci@example.com");

        var entry = PullSecretAuths.Read(built.ToV1Secret()).FindFor(Samples.Image);

        entry.Should().Be(entry! with { Server = "127.0.0.1:5000", Email = "ci@example.com" });
        entry.Credentials.Password.Should().Be("s3cr3t");
        entry.ToString().Should().NotContain("s3cr3t");
    }

    [Fact]
    public void Read_RejectsOtherSecretTypes()
    {
        var read = () => PullSecretAuths.Read(Secret("Opaque", ".dockerconfigjson", "{}"));

        read.Should().Throw<ManifestException>().Where(e => e.Kind == ManifestFailureKind.InvalidPullSecret)
            .WithMessage("secret shop/regcred has type 'Opaque', not 'kubernetes.io/dockerconfigjson'*kubectl create secret docker-registry*");
    }

    [Fact]
    public void Read_MalformedJsonNeverQuotesTheContent()
    {
        var read = () => PullSecretAuths.Read(Secret("kubernetes.io/dockerconfigjson", ".dockerconfigjson", "{\"auths\": {\"h\": {\"password\": \"hunter2\""));

        read.Should().Throw<ManifestException>().Which.Message.Should().Contain("is not valid JSON").And.NotContain("hunter2");
    }

    [Fact]
    public void Read_UndecodableAuthIsReported()
    {
        var read = () => PullSecretAuths.Read(Secret("kubernetes.io/dockerconfigjson", ".dockerconfigjson", """{"auths":{"h:1":{"auth":"%%%"}}}"""));

        read.Should().Throw<ManifestException>().WithMessage("secret shop/regcred, entry 'h:1': 'auth' is not base64*");
    }
}
