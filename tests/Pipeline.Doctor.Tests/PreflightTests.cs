using Pipeline.Registry;
using Pipeline.Testing.Docker;
using Pipeline.Testing.Registries;

namespace Pipeline.Doctor.Tests;

public sealed class PreflightTests(DockerEngineFixture engine) : IClassFixture<DockerEngineFixture>
{
    [Fact]
    public async Task EnsureAsync_WrongPassword_ThrowsTheLoginFailureAndItsFixOnOneLine()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });
        var wrong = new RegistryCredentials(registry.Credentials.Username!, "wrong-password", CredentialSource.Explicit("test"));

        var act = () => Preflight.EnsureAsync(engine.Engine, new RegistryCheckRequest(registry.Host, wrong, "orders-api"), CancellationToken.None);

        var thrown = await act.Should().ThrowAsync<DoctorException>();
        thrown.Which.Message.Should().Be(
            $"registry login: the registry {registry.Host} refused user {registry.Credentials.Username} (GET /v2/ answered 401; credentials from test)"
            + $" — fix: check the user and its password (the registry password, or docker login {registry.Host} again)");
        thrown.Which.Report.Results.Select(result => result.Check).Should().StartWith([EngineChecks.Reachable, EngineChecks.Version]);
    }

    [Fact]
    public async Task EnsureAsync_HealthySetup_ReturnsTheReportWithoutProbingPushAccess()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });

        var report = await Preflight.EnsureAsync(engine.Engine, new RegistryCheckRequest(registry.Host, registry.Credentials, "orders-api"), CancellationToken.None);

        report.HasFailures.Should().BeFalse();
        report.Results.Single(result => result.Check == RegistryChecks.PushAccess).Should().Be(CheckResult.Skipped(RegistryChecks.PushAccess, "not probed"));
        report.Results.Single(result => result.Check == RegistryChecks.Login).Status.Should().Be(CheckStatus.Ok);
        Directory.Exists(Path.Combine(registry.DataDirectory, "docker", "registry", "v2", "repositories", "orders-api")).Should().BeFalse();
    }
    [Fact]
    public async Task EnsureAsync_WithoutAnEngine_ChecksOnlyTheRegistryAndCreditsPipelinesOwnClientWithPlainHttp()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });

        var report = await Preflight.EnsureAsync(new RegistryCheckRequest(registry.Host, registry.Credentials, "orders-api"), CancellationToken.None);

        report.Results.Select(result => result.Check).Should().NotContain([EngineChecks.Reachable, EngineChecks.Version, EngineChecks.StorageDriver, EngineChecks.BridgeNetwork]);
        report.Results.Single(result => result.Check == SchemeCheck.Name).Should().Be(CheckResult.Ok(SchemeCheck.Name,
            "HTTP: Pipeline's registry client pushes over plain HTTP itself (no Docker engine, so no insecure-registries entry is needed)"));
        report.Results.Single(result => result.Check == RegistryChecks.PushAccess).Status.Should().Be(CheckStatus.Skipped);
    }

    [Fact]
    public async Task EnsureAsync_WithoutAnEngine_StillFailsOnAWrongPassword()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });
        var wrong = new RegistryCredentials(registry.Credentials.Username!, "wrong-password", CredentialSource.Explicit("test"));

        var act = () => Preflight.EnsureAsync(new RegistryCheckRequest(registry.Host, wrong, "orders-api"), CancellationToken.None);

        (await act.Should().ThrowAsync<DoctorException>()).Which.Message.Should().StartWith($"registry login: the registry {registry.Host} refused user");
    }
}
