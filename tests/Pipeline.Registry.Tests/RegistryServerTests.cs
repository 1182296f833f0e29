using CliWrap;
using Pipeline.Registry.Local;
using Pipeline.Testing.Registries;

namespace Pipeline.Registry.Tests;

public class RegistryServerTests
{
    [Fact]
    public async Task StartAsync_BinaryMissing_FailsNamingTheProvisionScript()
    {
        var start = () => RegistryServer.StartAsync(new RegistryServerOptions { BinaryPath = "/nonexistent/docker-registry" });

        await start.Should().ThrowAsync<InvalidOperationException>().WithMessage("docker-registry is not installed*run build/provision.sh registry");
    }

    [Fact]
    public async Task DisposeAsync_KillsTheRegistryAndDeletesItsFiles()
    {
        var server = await RegistryServer.StartAsync(new RegistryServerOptions());
        var dataDirectory = server.DataDirectory;
        using var client = server.CreateClient();
        await client.PingAsync();

        await server.DisposeAsync();

        Directory.Exists(dataDirectory).Should().BeFalse();
        using var after = server.CreateClient();
        (await ((Func<Task>)(() => after.PingAsync())).Should().ThrowAsync<RegistryException>()).Which.Kind.Should().Be(RegistryFailureKind.Unreachable);
    }

    [Fact]
    public async Task StartAsync_RegistryOrphanedByADeadTestHost_IsRemoved()
    {
        var orphanRoot = Directory.CreateTempSubdirectory("pipeline-registry-").FullName;
        var configPath = Path.Combine(orphanRoot, "config.yml");
        await File.WriteAllTextAsync(configPath, new RegistryServerConfiguration { ListenAddress = "127.0.0.1:0", StorageDirectory = Path.Combine(orphanRoot, "data") }.ToYaml());
        using var orphanCancellation = new CancellationTokenSource();
        var orphan = Cli.Wrap("/usr/bin/docker-registry").WithArguments(["serve", configPath])
            .WithValidation(CommandResultValidation.None).ExecuteAsync(orphanCancellation.Token);
        var ownerTask = Cli.Wrap("/bin/true").ExecuteAsync();
        var deadOwner = ownerTask.ProcessId;
        await ownerTask;
        await File.WriteAllTextAsync(Path.Combine(orphanRoot, "owner"), $"{deadOwner}\n{orphan.ProcessId}\n");

        try
        {
            await using var server = await RegistryServer.StartAsync(new RegistryServerOptions());

            var exited = await Task.WhenAny(orphan.Task, Task.Delay(TimeSpan.FromSeconds(10)));
            exited.Should().Be(orphan.Task, "the sweep kills a registry whose owner is gone");
            Directory.Exists(orphanRoot).Should().BeFalse();
        }
        finally
        {
            // If the sweep failed, do not leave the process behind.
            await orphanCancellation.CancelAsync();
            try
            {
                await orphan;
            }
            catch (OperationCanceledException)
            {
                // Killed here because the sweep did not.
            }
        }
    }
}
