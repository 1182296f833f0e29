using System.Text;
using Pipeline.Registry.Credentials;

namespace Pipeline.Registry.Tests;

public sealed class RegistryCredentialResolverTests : IDisposable
{
    private static readonly RegistryHost Nexus = RegistryHost.Parse("nexus.example.com:8082");
    private readonly TempDirectory _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task ResolveAsync_ExplicitCredentials_WinOverConfig()
    {
        WriteConfig("""{"auths":{"nexus.example.com:8082":{"auth":"AUTH"}}}""".Replace("AUTH", Base64("config-user:config-pass"), StringComparison.Ordinal));
        var explicitCredentials = new RegistryCredentials("ci", "from-env", CredentialSource.Explicit("REGISTRY_PASSWORD"));

        var credentials = await Resolver().ResolveAsync(Nexus, explicitCredentials);

        credentials.Should().BeSameAs(explicitCredentials);
    }

    [Theory]
    [InlineData("nexus.example.com:8082")]
    [InlineData("https://nexus.example.com:8082")]
    [InlineData("http://nexus.example.com:8082/v2/")]
    public async Task ResolveAsync_AuthsBase64_MatchesKeysLikeDocker(string key)
    {
        WriteConfig("""{"auths":{"KEY":{"auth":"AUTH"}}}""".Replace("KEY", key, StringComparison.Ordinal).Replace("AUTH", Base64("deployer:s3cret:with-colon"), StringComparison.Ordinal));

        var credentials = await Resolver().ResolveAsync(Nexus);

        credentials.Username.Should().Be("deployer");
        credentials.Password.Should().Be("s3cret:with-colon");
        credentials.Source.Kind.Should().Be(CredentialSourceKind.DockerConfig);
        credentials.Source.Description.Should().Contain(_home.Combine(".docker", "config.json"));
    }

    [Fact]
    public async Task ResolveAsync_DockerHub_MatchesIndexDockerIoKey()
    {
        WriteConfig("""{"auths":{"https://index.docker.io/v1/":{"username":"hubuser","password":"hubpass"}}}""");

        var credentials = await Resolver().ResolveAsync(RegistryHost.DockerHub);

        credentials.Username.Should().Be("hubuser");
        credentials.Password.Should().Be("hubpass");
    }

    [Fact]
    public async Task ResolveAsync_IdentityToken_IsKept()
    {
        WriteConfig("""{"auths":{"nexus.example.com:8082":{"auth":"AUTH","identitytoken":"refresh-token-xyz"}}}""".Replace("AUTH", Base64("someone:"), StringComparison.Ordinal));

        var credentials = await Resolver().ResolveAsync(Nexus);

        credentials.Username.Should().Be("someone");
        credentials.Password.Should().BeNull();
        credentials.IdentityToken.Should().Be("refresh-token-xyz");
        credentials.Secrets.Should().Contain("refresh-token-xyz");
    }

    [Fact]
    public async Task ResolveAsync_NoEntry_IsAnonymous()
    {
        WriteConfig("""{"auths":{"other.example.com":{"auth":"dTpw"}}}""");

        (await Resolver().ResolveAsync(Nexus)).IsAnonymous.Should().BeTrue();
    }

    [Fact]
    public async Task ResolveAsync_NoConfigFile_IsAnonymous()
    {
        (await Resolver().ResolveAsync(Nexus)).Should().BeSameAs(RegistryCredentials.Anonymous);
    }

    [Fact]
    public async Task ResolveAsync_DockerConfigEnvironment_IsHonoured()
    {
        var configDirectory = _home.Combine("custom-docker");
        Directory.CreateDirectory(configDirectory);
        await File.WriteAllTextAsync(Path.Combine(configDirectory, "config.json"), """{"auths":{"nexus.example.com:8082":{"auth":"AUTH"}}}""".Replace("AUTH", Base64("env-user:env-pass"), StringComparison.Ordinal));
        var resolver = new RegistryCredentialResolver(Environment(("DOCKER_CONFIG", configDirectory)));

        var credentials = await resolver.ResolveAsync(Nexus);

        credentials.Username.Should().Be("env-user");
        resolver.DockerConfigPath.Should().Be(Path.Combine(configDirectory, "config.json"));
    }

    [Fact]
    public async Task ResolveAsync_CredHelper_RunsTheHelperWithServerUrlOnStdin()
    {
        var helperLog = WriteHelper("test", """{"ServerURL":"%s","Username":"helper-user","Secret":"helper-secret"}""");
        WriteConfig("""{"auths":{"nexus.example.com:8082":{"auth":"dTpw"}},"credHelpers":{"nexus.example.com:8082":"test"}}""");

        var credentials = await Resolver().ResolveAsync(Nexus);

        credentials.Username.Should().Be("helper-user");
        credentials.Password.Should().Be("helper-secret");
        credentials.Source.Should().Be(CredentialSource.CredentialHelper("test"));
        (await File.ReadAllTextAsync(helperLog)).Should().Be("args=get stdin=nexus.example.com:8082");
    }

    [Fact]
    public async Task ResolveAsync_CredsStore_IsUsedAndTokenUserMeansIdentityToken()
    {
        WriteHelper("store", """{"ServerURL":"%s","Username":"<token>","Secret":"stored-refresh-token"}""");
        WriteConfig("""{"auths":{"https://index.docker.io/v1/":{}},"credsStore":"store"}""");

        var credentials = await Resolver().ResolveAsync(RegistryHost.DockerHub);

        credentials.IdentityToken.Should().Be("stored-refresh-token");
        credentials.Password.Should().BeNull();
        credentials.Source.Kind.Should().Be(CredentialSourceKind.CredentialStore);
    }

    [Fact]
    public async Task ResolveAsync_HelperSaysNotFound_FallsBackToAnonymous()
    {
        WriteHelper("empty", "credentials not found in native keychain", exitCode: 1);
        WriteConfig("""{"credsStore":"empty"}""");

        (await Resolver().ResolveAsync(Nexus)).IsAnonymous.Should().BeTrue();
    }

    [Fact]
    public async Task ResolveAsync_HelperMissing_FailsNamingTheProgram()
    {
        WriteConfig("""{"credHelpers":{"nexus.example.com:8082":"absent"}}""");

        var resolve = () => Resolver().ResolveAsync(Nexus);

        var failure = await resolve.Should().ThrowAsync<RegistryException>();
        failure.Which.Kind.Should().Be(RegistryFailureKind.CredentialHelperFailed);
        failure.Which.Message.Should().Contain("docker-credential-absent is not on PATH");
    }

    [Fact]
    public async Task ResolveAsync_InvalidJson_FailsNamingTheFile()
    {
        WriteConfig("{ not json");

        var resolve = () => Resolver().ResolveAsync(Nexus);

        (await resolve.Should().ThrowAsync<RegistryException>()).Which.Message.Should().Contain(_home.Combine(".docker", "config.json"));
    }

    [Fact]
    public async Task ResolveAsync_NeverWritesTheConfig()
    {
        var config = WriteConfig("""{"auths":{"nexus.example.com:8082":{"auth":"AUTH"}}}""".Replace("AUTH", Base64("a:b"), StringComparison.Ordinal));
        var before = File.GetLastWriteTimeUtc(config);
        var content = await File.ReadAllTextAsync(config);

        await Resolver().ResolveAsync(Nexus);

        File.GetLastWriteTimeUtc(config).Should().Be(before);
        (await File.ReadAllTextAsync(config)).Should().Be(content);
    }

    private RegistryCredentialResolver Resolver() => new(Environment());

    private ProcessEnvironment Environment(params (string Key, string Value)[] extra)
    {
        var environment = new Dictionary<string, string>
        {
            ["HOME"] = _home.Path,
            ["PATH"] = $"{_home.Combine("bin")}:/usr/bin:/bin",
        };
        foreach (var (key, value) in extra)
        {
            environment[key] = value;
        }

        return ProcessEnvironment.From(environment);
    }

    private string WriteConfig(string json)
    {
        var path = _home.Combine(".docker", "config.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, json);
        return path;
    }

    /// <summary>A fake docker-credential-NAME that records its argv and stdin, then prints the response.</summary>
    private string WriteHelper(string name, string responseTemplate, int exitCode = 0)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("the fake credential helper is a POSIX shell script");
        }

        var bin = _home.Combine("bin");
        Directory.CreateDirectory(bin);
        var log = _home.Combine($"{name}.log");
        var script = Path.Combine(bin, $"docker-credential-{name}");
        File.WriteAllText(script, $$$"""
            #!/bin/sh
            read -r server
            printf 'args=%s stdin=%s' "$*" "$server" > '{{{log}}}'
            printf '{{{responseTemplate}}}' "$server"
            exit {{{exitCode}}}

            """);
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return log;
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
