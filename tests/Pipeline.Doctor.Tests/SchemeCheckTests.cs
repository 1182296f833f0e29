using Pipeline.Image;
using Pipeline.Registry;

namespace Pipeline.Doctor.Tests;

// A plain-HTTP registry on a non-loopback name cannot run on these machines (only loopback traffic is allowed),
// so the prediction is checked against the engine configurations that decide it.
public sealed class SchemeCheckTests
{
    private static readonly RegistryHost Nexus = RegistryHost.Parse("nexus.example.com:8082");

    [Fact]
    public void ForPlainHttp_NameMissingFromInsecureRegistries_PredictsHttpResponseToHttpsClientWithTheDaemonJsonFix()
    {
        var result = SchemeCheck.ForPlainHttp(Nexus, Engine(cidrs: ["127.0.0.0/8"], names: ["other.example.com:5000"]));

        result.Status.Should().Be(CheckStatus.Failed);
        result.Detail.Should().Be(
            "HTTP, but the engine's insecure registries (other.example.com:5000, 127.0.0.0/8) do not include nexus.example.com:8082: docker push will fail with \"http: server gave HTTP response to HTTPS client\"");
        result.Fix.Should().Be("give nexus.example.com:8082 TLS, or add \"insecure-registries\": [\"nexus.example.com:8082\"] to /etc/docker/daemon.json and restart dockerd");
    }

    [Fact]
    public void ForPlainHttp_NameListedAsInsecure_IsOk()
    {
        var result = SchemeCheck.ForPlainHttp(Nexus, Engine(cidrs: ["127.0.0.0/8"], names: ["nexus.example.com:8082"]));

        result.Status.Should().Be(CheckStatus.Ok);
        result.Detail.Should().Be("HTTP: the engine's insecure registries allow it (nexus.example.com:8082, 127.0.0.0/8)");
    }

    [Fact]
    public void ForPlainHttp_AddressInsideAnInsecureCidr_IsOkAndOutsideFails()
    {
        var engine = Engine(cidrs: ["127.0.0.0/8", "10.20.0.0/16"], names: []);

        SchemeCheck.ForPlainHttp(RegistryHost.Parse("10.20.3.4:5000"), engine).Status.Should().Be(CheckStatus.Ok);
        SchemeCheck.ForPlainHttp(RegistryHost.Parse("10.21.3.4:5000"), engine).Status.Should().Be(CheckStatus.Failed);
    }

    [Fact]
    public void ForPlainHttp_Loopback_IsOkEvenWithoutAnyInsecureConfiguration()
    {
        var result = SchemeCheck.ForPlainHttp(RegistryHost.Parse("localhost:5000"), Engine(cidrs: [], names: []));

        result.Status.Should().Be(CheckStatus.Ok);
        result.Detail.Should().Be("HTTP: localhost:5000 is a loopback address, which dockerd always reaches over plain HTTP");
    }

    [Fact]
    public void ForPlainHttp_EngineUnknown_Warns()
    {
        var result = SchemeCheck.ForPlainHttp(Nexus, engine: null);

        result.Status.Should().Be(CheckStatus.Warning);
        result.Fix.Should().Be("make sure /etc/docker/daemon.json lists \"nexus.example.com:8082\" under insecure-registries");
    }

    [Fact]
    public void ForHttps_WithoutPrivateCa_IsOk()
    {
        SchemeCheck.ForHttps(Nexus, caCertificatePath: null).Should().Be(CheckResult.Ok(SchemeCheck.Name, "HTTPS, certificate trusted by the system's roots"));
    }

    private static EngineInfo Engine(IReadOnlyList<string> cidrs, IReadOnlyList<string> names) =>
        new("20.10.24", "1.41", "overlay2", HasBridgeNetwork: false, cidrs, names);
}
