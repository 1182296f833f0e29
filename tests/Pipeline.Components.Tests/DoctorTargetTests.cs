using System.Text;
using System.Text.Json;
using Pipeline.Components.Tests.Builds;
using Pipeline.Components.Tests.Support;
using Pipeline.Engine;
using Pipeline.Testing.Registries;
using Xunit.Abstractions;

namespace Pipeline.Components.Tests;

/// <summary>
/// <c>./build.sh Doctor --registry 127.0.0.1:PORT</c> end to end: the engine, a real registry made wrong on purpose,
/// the Kubernetes API test double, and the output a user reads.
/// </summary>
public sealed class DoctorTargetTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "pipeline-components-e2e", Guid.NewGuid().ToString("N"));
    private readonly string _artifact = $"doctor-{Guid.NewGuid().ToString("N")[..8]}";

    [Fact]
    public async Task Doctor_RegistryWithUnknownCa_NamesTheX509FailureAndTheCertsDirectoryFixOnOneLineEach()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Tls = true });

        var run = await RunAsync<DoctorBuild>(["Doctor", "--registry", registry.Host.ToString(), "--artifact", _artifact]);

        run.ExitCode.Should().Be(1, "{0}", run);
        var failure = LineAfter(run, "registry reachable ");
        failure.Should().MatchRegex(@"^registry reachable\s+failed\s+x509: certificate signed by unknown authority: " + Escape(registry.Host.ToString()) + " presented CN=");
        NextLine(run, failure).Trim().Should().Be(
            $"fix: put the registry's CA certificate at /etc/docker/certs.d/{registry.Host}/ca.crt (Docker engine) and give it as --registry-ca (Pipeline)");
        run.RowOf("Doctor").Should().Contain("Failed").And.Contain("registry reachable: x509: certificate signed by unknown authority");
        LineAfter(run, "engine reachable ").Should().MatchRegex(@"^engine reachable\s+ok\s+Docker engine at unix://");
        LineAfter(run, "cluster ").Should().MatchRegex(@"^cluster\s+skipped\s+no cluster configured");
    }

    [Fact]
    public async Task Doctor_WrongPassword_NamesTheRefusedUserAndThePasswordFixAndKeepsThePasswordOut()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });
        var wrongPassword = "wrong-" + Guid.NewGuid().ToString("N");
        var user = registry.Credentials.Username!;

        var run = await RunAsync<DoctorBuild>(
            ["Doctor", "--registry", registry.Host.ToString(), "--registry-username", user, "--artifact", _artifact], wrongPassword);

        run.ExitCode.Should().Be(1, "{0}", run);
        var failure = LineAfter(run, "registry login ");
        failure.Should().MatchRegex(
            @"^registry login\s+failed\s+the registry " + Escape(registry.Host.ToString()) + " refused user " + user
            + Escape(" (GET /v2/ answered 401; credentials from --registry-username and REGISTRY_PASSWORD)") + "$");
        NextLine(run, failure).Trim().Should().Be($"fix: check the user and its password (REGISTRY_PASSWORD, or docker login {registry.Host} again)");
        LineAfter(run, "registry auth ").Should().Contain("basic auth").And.Contain($"user {user} (password from --registry-username and REGISTRY_PASSWORD)");
        foreach (var form in (string[])[wrongPassword, Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{wrongPassword}"))])
        {
            run.Output.Should().NotContain(form);
        }
    }

    [Fact]
    public async Task Doctor_Json_PrintsOneParsableLineAndSucceedsOnAHealthySetup()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Token });

        var run = await RunAsync<DoctorBuild>(
            ["Doctor", "--json", "--registry", registry.Host.ToString(), "--registry-username", registry.Credentials.Username!, "--artifact", _artifact],
            registry.Credentials.Password);

        run.ExitCode.Should().Be(0, "{0}", run);
        var json = run.Lines.Single(line => line.StartsWith('['));
        using var report = JsonDocument.Parse(json);
        var rows = report.RootElement.EnumerateArray().ToDictionary(row => row.GetProperty("check").GetString()!, row => row);
        rows.Keys.Should().Equal(
            "engine reachable", "engine version", "storage driver", "bridge network",
            "registry reachable", "registry scheme", "registry auth", "registry login", "push access", "cluster");
        rows.Values.Should().OnlyContain(row => row.GetProperty("status").GetString() == "ok" || row.GetProperty("status").GetString() == "skipped");
        rows["registry auth"].GetProperty("detail").GetString().Should().StartWith($"token auth (token service {registry.TokenIssuer!.Realm})");
        rows["push access"].GetProperty("detail").GetString().Should().Be($"the token service grants user {registry.Credentials.Username} push on {registry.Host}/{_artifact}");
        rows["cluster"].GetProperty("status").GetString().Should().Be("skipped");
        rows["push access"].GetProperty("fix").ValueKind.Should().Be(JsonValueKind.Null);
        run.Lines.Should().NotContain(line => line.StartsWith("Check ", StringComparison.Ordinal), "--json replaces the table");
        run.SummaryValue("Doctor").Should().MatchRegex(@"^\d+ ok, 0 warnings, 0 failed$");
    }

    [Theory]
    [InlineData("auto", "skipped")]
    [InlineData("engine", "ok")]
    public async Task Doctor_DirectBuilderChosen_SkipsTheEngineRowsAndCreditsPipelinesClientWithPlainHttp(string builder, string engineStatus)
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });
        var context = Directory.CreateDirectory(Path.Combine(_root, "context")).FullName;
        await File.WriteAllTextAsync(Path.Combine(context, "hello.txt"), "hello");
        var dockerfile = Path.Combine(context, "Dockerfile");
        await File.WriteAllTextAsync(dockerfile, "FROM scratch\nCOPY hello.txt /\n");

        var run = await RunAsync<DoctorBuild>(
            ["Doctor", "--json", "--registry", registry.Host.ToString(), "--registry-username", registry.Credentials.Username!, "--artifact", _artifact,
             "--dockerfile", dockerfile, "--image-context", context, "--builder", builder],
            registry.Credentials.Password);

        run.ExitCode.Should().Be(0, "{0}", run);
        using var report = JsonDocument.Parse(run.Lines.Single(line => line.StartsWith('[')));
        var rows = report.RootElement.EnumerateArray().ToDictionary(row => row.GetProperty("check").GetString()!, row => row);
        foreach (var check in new[] { "engine reachable", "engine version", "storage driver", "bridge network" })
        {
            rows[check].GetProperty("status").GetString().Should().Be(engineStatus, check);
        }

        if (builder == "auto")
        {
            rows["engine reachable"].GetProperty("detail").GetString().Should().Be("not needed: the direct builder: the Dockerfile needs no container, so no Docker engine is used");
            rows["registry scheme"].GetProperty("detail").GetString().Should().StartWith("HTTP: Pipeline's registry client pushes over plain HTTP itself");
        }
        else
        {
            rows["registry scheme"].GetProperty("detail").GetString().Should().Contain("loopback");
        }
    }

    [Fact]
    public async Task Doctor_ClusterWithSecretForAnotherPort_FailsThePullSecretEntry()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });
        await using var cluster = await KubeApiServerDouble.KubeApiServerDouble.StartAsync();
        var kubeconfig = cluster.WriteKubeconfig(Path.Combine(_root, "kubeconfig"));
        var ns = $"doctor-{Guid.NewGuid().ToString("N")[..8]}";
        var otherPort = Pipeline.Registry.RegistryHost.Parse($"127.0.0.1:{registry.Host.Port + 1}");
        using (var client = new k8s.Kubernetes(cluster.ClientConfiguration()))
        {
            var secret = new Pipeline.Manifests.PullSecret(
                Pipeline.Manifests.DnsLabel.Parse("regcred"), Pipeline.Manifests.DnsLabel.Parse(ns), otherPort, registry.Credentials);
            await new Pipeline.Cluster.ManifestApplier(client).ApplyAsync(
                [new k8s.Models.V1Namespace { ApiVersion = "v1", Kind = "Namespace", Metadata = new() { Name = ns } }, secret.ToV1Secret()]);
        }

        var run = await RunAsync<DoctorBuild>(
            ["Doctor", "--registry", registry.Host.ToString(), "--registry-username", registry.Credentials.Username!, "--artifact", _artifact,
                "--kubeconfig", kubeconfig, "--namespace", ns],
            registry.Credentials.Password);

        run.ExitCode.Should().Be(1, "{0}", run);
        LineAfter(run, "namespace ").Should().MatchRegex($@"^namespace\s+ok\s+namespace {ns} exists$");
        var entry = LineAfter(run, "pull secret entry ");
        entry.Should().Contain($"failed").And.Contain($"secret {ns}/regcred has no entry the kubelet matches to {registry.Host} (keys: '{otherPort}'");
        NextLine(run, entry).Trim().Should().Be(
            $"fix: recreate secret {ns}/regcred as kubernetes.io/dockerconfigjson for {registry.Host} (kubectl create secret docker-registry --docker-server={registry.Host}; "
            + "Deploy applies it itself when given --registry-username and REGISTRY_PASSWORD)");
    }

    [Theory]
    [InlineData(false, "failed")]
    [InlineData(true, "warning")]
    public async Task Doctor_DockerConfigLoginAndNoSecretYet_CountsOnDeployOnlyWhenTheLoginIsChosen(bool chosen, string status)
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });
        await using var cluster = await KubeApiServerDouble.KubeApiServerDouble.StartAsync();
        var kubeconfig = cluster.WriteKubeconfig(Path.Combine(_root, "kubeconfig"));
        var ns = $"doctor-{Guid.NewGuid().ToString("N")[..8]}";
        using (var client = new k8s.Kubernetes(cluster.ClientConfiguration()))
        {
            await new Pipeline.Cluster.ManifestApplier(client).ApplyAsync(
                [new k8s.Models.V1Namespace { ApiVersion = "v1", Kind = "Namespace", Metadata = new() { Name = ns } }]);
        }

        var login = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{registry.Credentials.Username}:{registry.Credentials.Password}"));
        var dockerConfig = Path.Combine(_root, "home", ".docker", "config.json");
        Directory.CreateDirectory(Path.GetDirectoryName(dockerConfig)!);
        await File.WriteAllTextAsync(dockerConfig, $$"""{ "auths": { "{{registry.Host}}": { "auth": "{{login}}" } } }""");
        string[] args = ["Doctor", "--registry", registry.Host.ToString(), "--artifact", _artifact, "--kubeconfig", kubeconfig, "--namespace", ns];

        var run = await RunAsync<DoctorBuild>(chosen ? [.. args, "--pull-secret-from-docker-config"] : args);

        // Deploy builds no Secret from a login it only found, so a missing one is a failure, not something Deploy fixes.
        LineAfter(run, "registry login ").Should().MatchRegex(@"^registry login\s+ok");
        LineAfter(run, "pull secret ").Should().MatchRegex($@"^pull secret\s+{status}\s+secret {ns}/regcred does not exist");
        run.ExitCode.Should().Be(chosen ? 0 : 1, "{0}", run);
    }

    [Fact]
    public async Task Doctor_UsernameWithoutPassword_FailsTheAuthRowNamingTheVariable()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });

        var run = await RunAsync<DoctorBuild>(["Doctor", "--registry", registry.Host.ToString(), "--registry-username", "ci-bot", "--artifact", _artifact]);

        run.ExitCode.Should().Be(1, "{0}", run);
        var auth = LineAfter(run, "registry auth ");
        auth.Should().MatchRegex(@"^registry auth\s+failed\s+--registry-username ci-bot was given without a password: set REGISTRY_PASSWORD in the environment\.$");
        NextLine(run, auth).Trim().Should().Be("fix: set REGISTRY_PASSWORD in the environment, or drop --registry-username to use the docker config");
    }

    [Fact]
    public async Task Publish_RegistryWithUnknownCa_FailsImageWithTheDoctorDiagnosisBeforeBuilding()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Tls = true });

        var run = await RunAsync<SampleBuild>(
            ["Publish", "--skip", "Compile", "--registry", registry.Host.ToString(), "--release", "1.0.0", "--artifact", _artifact, "--base-image", "local"]);

        run.ExitCode.Should().Be(1, "{0}", run);
        run.RowOf("Image").Should().Contain("Failed").And.Contain("registry reachable: x509: certificate signed by unknown authority")
            .And.Contain($"fix: put the registry's CA certificate at /etc/docker/certs.d/{registry.Host}/ca.crt");
        run.Output.Should().NotContain("Step 1/", "nothing is built when the pre-flight fails");
        run.StatusOf("Push").Should().Be("NotRun");
        run.StatusOf("Render").Should().Be("NotRun");
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private async Task<ChainRun> RunAsync<TBuild>(string[] args, string? password = null)
        where TBuild : PipelineBuild, new()
    {
        var home = Directory.CreateDirectory(Path.Combine(_root, "home")).FullName;
        Directory.CreateDirectory(Path.Combine(_root, ".pipeline"));
        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["HOME"] = home };
        if (password is not null)
        {
            environment["REGISTRY_PASSWORD"] = password;
        }

        return await ChainRun.ExecuteAsync<TBuild>(args, _root, environment, output, TimeSpan.FromMinutes(2));
    }

    private static string LineAfter(ChainRun run, string prefix) =>
        run.Lines.FirstOrDefault(line => line.StartsWith(prefix, StringComparison.Ordinal))
        ?? throw new InvalidOperationException($"no line starting with '{prefix}' in:\n{run.Output}");

    private static string NextLine(ChainRun run, string line) => run.Lines[run.Lines.ToList().IndexOf(line) + 1];

    private static string Escape(string text) => System.Text.RegularExpressions.Regex.Escape(text);
}
