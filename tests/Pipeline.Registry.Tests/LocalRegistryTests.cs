using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Pipeline.Registry.Http;
using Pipeline.Registry.Local;

namespace Pipeline.Registry.Tests;

public sealed class LocalRegistryTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose()
    {
        // The registry runs detached by design: stop the one this test started, by its pid file.
        var pidFile = _data.Combine("registry.pid");
        if (File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture, out var pid))
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
                process.WaitForExit(5000);
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
        }

        _data.Dispose();
    }

    [Fact]
    public async Task EnsureRunningAsync_NothingListening_StartsADetachedRegistryThatKeepsServing()
    {
        var host = RegistryHost.Parse($"localhost:{FreePort()}");
        var local = new LocalRegistry(new LocalRegistryOptions { Host = host, DataDirectory = _data.Path }, ProcessEnvironment.Empty);

        var first = await local.EnsureRunningAsync();
        var second = await local.EnsureRunningAsync();

        first.StartedNow.Should().BeTrue();
        first.DataDirectory.Should().Be(_data.Path);
        File.Exists(first.LogPath).Should().BeTrue();
        second.StartedNow.Should().BeFalse("the registry from the first call still serves");
        using var client = new RegistryClient(host, RegistryCredentials.Anonymous);
        (await client.PingAsync()).BaseUri.Scheme.Should().Be("http");
        (await File.ReadAllTextAsync(_data.Combine("config.yml"))).Should().Contain("enabled: true").And.Contain(_data.Combine("storage"));
    }

    [Fact]
    public async Task EnsureRunningAsync_StartedRegistry_InheritsNoVariableOfTheBuild()
    {
        var secretVariable = $"REGISTRY_PASSWORD_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(secretVariable, "daemon-must-not-hold-this");
        try
        {
            var local = new LocalRegistry(
                new LocalRegistryOptions { Host = RegistryHost.Parse($"localhost:{FreePort()}"), DataDirectory = _data.Path },
                ProcessEnvironment.Empty);

            await local.EnsureRunningAsync();

            var pid = (await File.ReadAllTextAsync(_data.Combine("registry.pid"))).Trim();
            var variables = (await File.ReadAllTextAsync($"/proc/{pid}/environ")).Split('\0', StringSplitOptions.RemoveEmptyEntries);
            variables.Should().Contain($"PATH={DaemonEnvironment.SearchPath}");
            variables.Should().NotContain(variable => variable.Contains("daemon-must-not-hold-this", StringComparison.Ordinal));
            variables.Should().NotContain(variable => variable.StartsWith("HOME=", StringComparison.Ordinal), "the daemon gets only what it needs");
        }
        finally
        {
            Environment.SetEnvironmentVariable(secretVariable, null);
        }
    }

    [Fact]
    public async Task EnsureRunningAsync_TwoFirstBuildsAtOnce_OneStartsTheRegistryAndBothUseIt()
    {
        var host = RegistryHost.Parse($"localhost:{FreePort()}");
        LocalRegistry Build() => new(new LocalRegistryOptions { Host = host, DataDirectory = _data.Path }, ProcessEnvironment.Empty);

        var statuses = await Task.WhenAll(Task.Run(() => Build().EnsureRunningAsync()), Task.Run(() => Build().EnsureRunningAsync()));

        statuses.Count(status => status.StartedNow).Should().Be(1);
        using var client = new RegistryClient(host, RegistryCredentials.Anonymous);
        (await client.PingAsync()).BaseUri.Scheme.Should().Be("http");
    }

    [Fact]
    public async Task EnsureRunningAsync_BinaryMissing_FailsNamingTheInstallCommand()
    {
        var local = new LocalRegistry(
            new LocalRegistryOptions { Host = RegistryHost.Parse($"localhost:{FreePort()}"), DataDirectory = _data.Path, BinaryPath = "/nonexistent/docker-registry" },
            ProcessEnvironment.Empty);

        var ensure = () => local.EnsureRunningAsync();

        var failure = await ensure.Should().ThrowAsync<RegistryException>();
        failure.Which.Kind.Should().Be(RegistryFailureKind.LocalRegistryFailed);
        failure.Which.Message.Should().Contain("apt-get install docker-registry");
    }

    [Fact]
    public void DataDirectory_Default_IsPerUserUnderLocalShare()
    {
        var local = new LocalRegistry(new LocalRegistryOptions(), ProcessEnvironment.From(new Dictionary<string, string> { ["HOME"] = "/home/ci" }));

        local.DataDirectory.Should().Be("/home/ci/.local/share/pipeline/registry");
    }

    [Fact]
    public void Constructor_NonLoopbackHost_IsRejected()
    {
        var create = () => new LocalRegistry(new LocalRegistryOptions { Host = RegistryHost.Parse("registry.example.com:5000") }, ProcessEnvironment.Empty);

        create.Should().Throw<ArgumentException>().WithMessage("*loopback*");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
