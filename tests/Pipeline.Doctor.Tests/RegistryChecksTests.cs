using Pipeline.Registry;
using Pipeline.Registry.Http;
using Pipeline.Testing.Registries;

namespace Pipeline.Doctor.Tests;

public sealed class RegistryChecksTests
{
    private const string Repository = "doctor/orders-api";

    [Fact]
    public async Task RunAsync_TlsFromUnknownCa_FailsReachableWithTheCertsDirectoryFix()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Tls = true });

        var results = await RegistryChecks.RunAsync(new RegistryCheckRequest(registry.Host, RegistryCredentials.Anonymous, Repository), CancellationToken.None);

        var reachable = results.Single(result => result.Check == RegistryChecks.Reachable);
        reachable.Status.Should().Be(CheckStatus.Failed);
        reachable.Detail.Should().StartWith("x509: certificate signed by unknown authority:").And.Contain($"{registry.Host} presented CN=");
        reachable.Fix.Should().Be($"put the registry's CA certificate at /etc/docker/certs.d/{registry.Host}/ca.crt (Docker engine) and give it as the registry CA certificate (Pipeline)");
        results.Where(result => result.Check != RegistryChecks.Reachable).Should().OnlyContain(result => result.Status == CheckStatus.Skipped);
    }

    [Fact]
    public async Task RunAsync_TlsWithGivenCa_WarnsUntilTheEngineHasTheCaInCertsD()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Tls = true });
        var certificates = Directory.CreateTempSubdirectory("doctor-certs-").FullName;
        try
        {
            var request = new RegistryCheckRequest(registry.Host, RegistryCredentials.Anonymous, Repository)
            {
                ClientOptions = new RegistryClientOptions { CaCertificatePath = registry.CaCertificatePath },
                DockerCertificatesDirectory = certificates,
            };
            var engineCa = Path.Combine(certificates, registry.Host.ToString(), "ca.crt");

            var before = (await RegistryChecks.RunAsync(request, CancellationToken.None)).Single(result => result.Check == SchemeCheck.Name);
            Directory.CreateDirectory(Path.GetDirectoryName(engineCa)!);
            File.Copy(registry.CaCertificatePath!, engineCa);
            var after = (await RegistryChecks.RunAsync(request, CancellationToken.None)).Single(result => result.Check == SchemeCheck.Name);

            before.Status.Should().Be(CheckStatus.Warning);
            before.Detail.Should().Contain($"{engineCa} does not exist").And.Contain("x509: certificate signed by unknown authority");
            before.Fix.Should().Be($"copy {registry.CaCertificatePath} to {engineCa}");
            after.Status.Should().Be(CheckStatus.Ok);
            after.Detail.Should().Be($"HTTPS, certificate trusted through {registry.CaCertificatePath} (Pipeline) and {engineCa} (Docker engine)");
        }
        finally
        {
            Directory.Delete(certificates, recursive: true);
        }
    }

    [Fact]
    public async Task RunAsync_WrongPassword_FailsLoginNamingTheUserAndSkipsPushAccess()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });
        var wrong = new RegistryCredentials(registry.Credentials.Username!, "wrong-password", CredentialSource.Explicit("--registry-username and REGISTRY_PASSWORD"));

        var results = await RegistryChecks.RunAsync(new RegistryCheckRequest(registry.Host, wrong, Repository), CancellationToken.None);

        Status(results, RegistryChecks.Reachable).Should().Be(CheckStatus.Ok);
        Single(results, RegistryChecks.Auth).Detail.Should().Be(
            $"basic auth (realm \"pipeline-registry\"); credentials: user {registry.Credentials.Username} (password from --registry-username and REGISTRY_PASSWORD)");
        var login = Single(results, RegistryChecks.Login);
        login.Status.Should().Be(CheckStatus.Failed);
        login.Detail.Should().Be(
            $"the registry {registry.Host} refused user {registry.Credentials.Username} (GET /v2/ answered 401; credentials from --registry-username and REGISTRY_PASSWORD)");
        login.Fix.Should().Be($"check the user and its password (the registry password, or docker login {registry.Host} again)");
        Status(results, RegistryChecks.PushAccess).Should().Be(CheckStatus.Skipped);
        results.Select(result => result.Detail + result.Fix).Should().NotContain(text => text.Contains("wrong-password", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_GoodBasicCredentials_PassesEveryCheckAndTheProbeLeavesNothingBehind()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });

        var results = await RegistryChecks.RunAsync(new RegistryCheckRequest(registry.Host, registry.Credentials, Repository), CancellationToken.None);

        results.Select(result => result.Check).Should().Equal(RegistryChecks.Reachable, SchemeCheck.Name, RegistryChecks.Auth, RegistryChecks.Login, RegistryChecks.PushAccess);
        results.Should().OnlyContain(result => result.Status == CheckStatus.Ok, "{0}", string.Join('\n', results));
        Single(results, SchemeCheck.Name).Detail.Should().StartWith($"HTTP: {registry.Host} is a loopback address");
        Single(results, RegistryChecks.PushAccess).Detail.Should().Be(
            $"user {registry.Credentials.Username} may push to {registry.Host}/{Repository} (an upload was started and cancelled)");
        using var client = registry.CreateClient();
        (await client.Repositories.ListRepositoriesAsync()).Should().NotContain(Repository);
        PendingUploads(registry).Should().BeEmpty("the probe cancels its upload");
    }

    [Fact]
    public async Task RunAsync_TokenAuthGrantingPullOnly_FailsPushAccessFromTheTokenGrant()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Token, GrantedActions = ["pull"] });

        var results = await RegistryChecks.RunAsync(new RegistryCheckRequest(registry.Host, registry.Credentials, Repository), CancellationToken.None);

        Single(results, RegistryChecks.Auth).Detail.Should().StartWith($"token auth (token service {registry.TokenIssuer!.Realm})");
        Status(results, RegistryChecks.Login).Should().Be(CheckStatus.Ok);
        var push = Single(results, RegistryChecks.PushAccess);
        push.Status.Should().Be(CheckStatus.Failed);
        push.Detail.Should().Be($"the token service grants user {registry.Credentials.Username} pull on {registry.Host}/{Repository}, not push: the push will be denied");
        push.Fix.Should().Be($"grant the user the rights it needs on {registry.Host}/{Repository} (read to pull, write to push, delete to delete)");
        Directory.Exists(Path.Combine(RepositoriesDirectory(registry), Repository)).Should().BeFalse("a token grant is read without touching the repository");
    }

    [Fact]
    public async Task RunAsync_TokenAuthGrantingPush_PassesPushAccessWithoutTouchingTheRepository()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Token, GrantedActions = ["pull", "push"] });

        var results = await RegistryChecks.RunAsync(new RegistryCheckRequest(registry.Host, registry.Credentials, Repository), CancellationToken.None);

        results.Should().OnlyContain(result => result.Status == CheckStatus.Ok, "{0}", string.Join('\n', results));
        Single(results, RegistryChecks.PushAccess).Detail.Should().Be($"the token service grants user {registry.Credentials.Username} push on {registry.Host}/{Repository}");
        Directory.Exists(Path.Combine(RepositoriesDirectory(registry), Repository)).Should().BeFalse("a token grant is read without touching the repository");
    }

    [Fact]
    public async Task RunAsync_TokenRealmDown_FailsAuthNamingTheTokenService()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Token });
        var realm = registry.TokenIssuer!.Realm;
        await registry.TokenIssuer.StopAsync();

        var results = await RegistryChecks.RunAsync(new RegistryCheckRequest(registry.Host, registry.Credentials, Repository), CancellationToken.None);

        Status(results, RegistryChecks.Reachable).Should().Be(CheckStatus.Ok);
        var auth = Single(results, RegistryChecks.Auth);
        auth.Status.Should().Be(CheckStatus.Failed);
        auth.Detail.Should().Be(
            $"{registry.Host} sends clients to its token service {realm.GetLeftPart(UriPartial.Path)}, which cannot be reached (connection refused)");
        auth.Fix.Should().Be("start the token service the registry's challenge names (auth.token.realm), or correct the realm so this machine can reach it");
        Status(results, RegistryChecks.PushAccess).Should().Be(CheckStatus.Skipped);
    }

    [Fact]
    public async Task RunAsync_AnonymousAgainstBasicAuth_WarnsAndFailsPushAccessWithNoBasicAuthCredentials()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });

        var results = await RegistryChecks.RunAsync(new RegistryCheckRequest(registry.Host, RegistryCredentials.Anonymous, Repository), CancellationToken.None);

        var auth = Single(results, RegistryChecks.Auth);
        auth.Status.Should().Be(CheckStatus.Warning);
        auth.Detail.Should().EndWith("no credentials found (the registry user name with the registry password, docker config auths, credHelpers, credsStore)");
        Status(results, RegistryChecks.Login).Should().Be(CheckStatus.Skipped);
        var push = Single(results, RegistryChecks.PushAccess);
        push.Status.Should().Be(CheckStatus.Failed);
        push.Detail.Should().StartWith($"no basic auth credentials: {registry.Host} requires a login");
        push.Fix.Should().Be($"pass the registry user name and the registry password, or docker login {registry.Host}");
    }

    [Fact]
    public async Task RunAsync_WebUiPortInsteadOfConnector_FailsAsNotARegistry()
    {
        await using var webUi = await WebUiServer.StartAsync();

        var results = await RegistryChecks.RunAsync(new RegistryCheckRequest(webUi.Host, RegistryCredentials.Anonymous, Repository), CancellationToken.None);

        var reachable = Single(results, RegistryChecks.Reachable);
        reachable.Status.Should().Be(CheckStatus.Failed);
        reachable.Detail.Should().Be(
            $"http://{webUi.Host}/v2/ answered 200 (text/html) without the registry API header Docker-Distribution-Api-Version: this is not a Docker registry endpoint (a web UI port?); use the registry's Docker connector port");
        reachable.Fix.Should().Be("use the registry's Docker connector port (Nexus: the docker repository's HTTP/HTTPS connector, e.g. 8082), not the web UI's");
    }

    [Fact]
    public async Task RunAsync_HttpsAskedOfAPlainHttpRegistry_FailsWithHttpResponseToHttpsClientAndTheDaemonJsonFix()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions());
        var request = new RegistryCheckRequest(registry.Host, RegistryCredentials.Anonymous, Repository)
        {
            ClientOptions = new RegistryClientOptions { Scheme = RegistryScheme.Https },
        };

        var results = await RegistryChecks.RunAsync(request, CancellationToken.None);

        var reachable = Single(results, RegistryChecks.Reachable);
        reachable.Status.Should().Be(CheckStatus.Failed);
        reachable.Detail.Should().StartWith($"http: server gave HTTP response to HTTPS client: {registry.Host} speaks plain HTTP");
        reachable.Fix.Should().Be($"give {registry.Host} TLS, or add \"insecure-registries\": [\"{registry.Host}\"] to /etc/docker/daemon.json and restart dockerd");
        Single(results, SchemeCheck.Name).Detail.Should().StartWith("HTTP: ", "the engine's side is still judged: loopback is always allowed");
    }

    [Fact]
    public async Task RunAsync_NothingListening_FailsReachable()
    {
        var port = FreePort();
        var host = RegistryHost.Parse($"127.0.0.1:{port}");

        var results = await RegistryChecks.RunAsync(new RegistryCheckRequest(host, RegistryCredentials.Anonymous, Repository), CancellationToken.None);

        var reachable = Single(results, RegistryChecks.Reachable);
        reachable.Status.Should().Be(CheckStatus.Failed);
        reachable.Detail.Should().Contain("connection refused");
        reachable.Fix.Should().Be($"start the registry, or correct the registry address (host:port) if {host} is not where it listens");
    }

    private static CheckResult Single(IReadOnlyList<CheckResult> results, string check) => results.Single(result => result.Check == check);

    private static CheckStatus Status(IReadOnlyList<CheckResult> results, string check) => Single(results, check).Status;

    private static string RepositoriesDirectory(RegistryServer registry) =>
        Path.Combine(registry.DataDirectory, "docker", "registry", "v2", "repositories");

    // A pending upload is repositories/<name>/_uploads/<id>/ with its 'data' and 'startedat' files. Registry 2.8's
    // cancel removes both (it keeps an empty hash-state folder, which holds no content and no repository entry).
    private static IEnumerable<string> PendingUploads(RegistryServer registry) =>
        Directory.Exists(RepositoriesDirectory(registry))
            ? Directory.EnumerateFiles(RepositoriesDirectory(registry), "*", SearchOption.AllDirectories)
                .Where(file => file.Contains("/_uploads/", StringComparison.Ordinal) && Path.GetFileName(file) is "data" or "startedat")
            : [];

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
