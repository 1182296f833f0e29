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
}
