using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using CliWrap;
using Pipeline.Registry;

namespace Pipeline.Manifests.Tests.RegistryHosting;

/// <summary>
/// The real <c>/usr/bin/docker-registry</c> running a config rendered for Kubernetes, rewritten only where this
/// machine differs (loopback port, temp storage, temp htpasswd file). Secrets reach it as a 0600 file or as
/// environment variables, never on its command line. Dispose kills it and deletes its directory.
/// </summary>
internal sealed class RenderedRegistryProcess : IAsyncDisposable
{
    private const string BinaryPath = "/usr/bin/docker-registry";

    // The same prefix and owner file as Pipeline.Testing's registries, so its orphan sweep also clears ours.
    private const string DirectoryPrefix = "pipeline-registry-";

    private readonly string _root;
    private readonly ConcurrentQueue<string> _log = new();
    private CancellationTokenSource? _stop;
    private Task? _process;

    private RenderedRegistryProcess(string root)
    {
        _root = root;
        DataDirectory = Path.Combine(root, "data");
    }

    /// <summary>Where it listens: <c>127.0.0.1:PORT</c>.</summary>
    public RegistryHost Host { get; private set; }

    /// <summary><c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri BaseUri => new($"http://{Host}/");

    /// <summary>The storage root the rendered <c>/var/lib/registry</c> became.</summary>
    public string DataDirectory { get; }

    /// <summary>The config file as run.</summary>
    public string ConfigYaml { get; private set; } = string.Empty;

    public string RecentLog => string.Join('\n', _log);

    public static async Task<RenderedRegistryProcess> StartAsync(
        string renderedConfigYaml,
        byte[]? htpasswdContent,
        IReadOnlyDictionary<string, string?>? environment,
        CancellationToken ct)
    {
        File.Exists(BinaryPath).Should().BeTrue($"{BinaryPath} must be installed to prove the rendered registry works: run build/provision.sh registry");
        var registry = new RenderedRegistryProcess(Directory.CreateTempSubdirectory(DirectoryPrefix).FullName);
        try
        {
            await registry.StartProcessAsync(renderedConfigYaml, htpasswdContent, environment ?? new Dictionary<string, string?>(), ct);
            return registry;
        }
        catch
        {
            await registry.DisposeAsync();
            throw;
        }
    }

    public async Task StopAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
        if (_stop is { } stop && _process is { } process)
        {
            await stop.CancelAsync();
            try
            {
                await process;
            }
            catch (OperationCanceledException)
            {
                // Cancelling kills the process: expected.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop?.Dispose();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private async Task StartProcessAsync(string renderedConfigYaml, byte[]? htpasswdContent, IReadOnlyDictionary<string, string?> environment, CancellationToken ct)
    {
        Directory.CreateDirectory(DataDirectory);
        string? htpasswdPath = null;
        if (htpasswdContent is not null)
        {
            htpasswdPath = Path.Combine(_root, "htpasswd");
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            await using var file = new FileStream(htpasswdPath, options);
            await file.WriteAsync(htpasswdContent, ct);
        }

        var configPath = Path.Combine(_root, "config.yml");
        // A free port can be taken between probing and binding: try a fresh one a few times.
        for (var attempt = 1; ; attempt++)
        {
            Host = RegistryHost.Parse($"127.0.0.1:{FreePort().ToString(CultureInfo.InvariantCulture)}");
            ConfigYaml = RegistryConfigRewrite.ForThisMachine(renderedConfigYaml, Host.ToString(), DataDirectory, htpasswdPath);
            await File.WriteAllTextAsync(configPath, ConfigYaml, ct);
            _stop = new CancellationTokenSource();
            var command = Cli.Wrap(BinaryPath)
                .WithArguments(["serve", configPath])
                .WithWorkingDirectory(_root)
                .WithEnvironmentVariables(environment)
                .WithStandardOutputPipe(PipeTarget.ToDelegate(_log.Enqueue))
                .WithStandardErrorPipe(PipeTarget.ToDelegate(_log.Enqueue))
                .WithValidation(CommandResultValidation.None)
                .ExecuteAsync(_stop.Token);
            _process = command;
            await File.WriteAllTextAsync(
                Path.Combine(_root, "owner"), string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId}\n{command.ProcessId}\n"), ct);
            AppDomain.CurrentDomain.ProcessExit += KillOnExit;
            if (await WaitUntilReadyAsync(ct))
            {
                return;
            }

            await StopAsync();
            _stop.Dispose();
            _stop = null;
            if (attempt == 3)
            {
                throw new InvalidOperationException($"docker-registry with the rendered config did not answer {BaseUri} within 20 s. Its output:\n{RecentLog}");
            }
        }
    }

    // Ready means what the rendered readiness probe means: GET / answers 200.
    private async Task<bool> WaitUntilReadyAsync(CancellationToken ct)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTimeOffset.UtcNow < deadline && !_process!.IsCompleted)
        {
            try
            {
                using var response = await client.GetAsync(BaseUri, ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // The probe timed out; try again.
            }

            await Task.Delay(50, ct);
        }

        return false;
    }

    private void KillOnExit(object? sender, EventArgs e)
    {
        if (_stop is { } stop && _process is { IsCompleted: false })
        {
            stop.Cancel();
        }
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
