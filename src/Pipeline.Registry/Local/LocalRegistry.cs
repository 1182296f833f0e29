using System.Globalization;
using System.Net;
using System.Text;
using CliWrap;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Pipeline.Registry.Local;

/// <summary>
/// The embedded default registry for <c>localhost:5000</c>: when nothing serves there, it starts Debian's
/// <c>docker-registry</c> detached (so it keeps serving later builds) with storage in a persistent per-user
/// directory and deletes enabled, then waits until <c>/v2/</c> answers.
/// </summary>
public sealed class LocalRegistry
{
    private const string InstallHint = "apt-get install docker-registry";

    private readonly LocalRegistryOptions _options;
    private readonly ProcessEnvironment _environment;
    private readonly HttpMessageHandler? _transport;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the local registry manager.</summary>
    /// <param name="options">Address, binary and data directory.</param>
    /// <param name="environment">Environment variables (HOME, XDG_DATA_HOME) for the default data directory.</param>
    /// <param name="logger">Where to say what happened.</param>
    /// <param name="transport">HTTP transport for the readiness probe; a new one per probe when null.</param>
    /// <param name="time">Clock for polling and timeouts.</param>
    public LocalRegistry(
        LocalRegistryOptions options,
        ProcessEnvironment environment,
        ILogger? logger = null,
        HttpMessageHandler? transport = null,
        TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        if (!options.Host.IsLoopback)
        {
            throw new ArgumentException($"the local registry must listen on a loopback address, not {options.Host}: use e.g. localhost:5000", nameof(options));
        }

        _options = options;
        _environment = environment;
        _transport = transport;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The persistent directory for config, storage and log.</summary>
    public string DataDirectory => _options.DataDirectory ?? DefaultDataDirectory(_environment);

    private int Port => _options.Host.Port ?? 5000;

    private Uri ProbeUri => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/v2/");

    /// <summary>True when a registry answers <c>/v2/</c> at the configured address.</summary>
    public async Task<bool> IsServingAsync(CancellationToken cancellationToken = default) =>
        await ProbeAsync(cancellationToken) == ProbeResult.Registry;

    /// <summary>Starts the registry unless one already serves at the address; returns where it lives.</summary>
    public async Task<LocalRegistryStatus> EnsureRunningAsync(CancellationToken cancellationToken = default)
    {
        switch (await ProbeAsync(cancellationToken))
        {
            case ProbeResult.Registry:
                _logger.LogInformation("A registry already serves {Host}", _options.Host);
                return new LocalRegistryStatus(_options.Host, StartedNow: false, DataDirectory: null, LogPath: null);
            case ProbeResult.SomethingElse:
                throw Failure($"port {Port} on 127.0.0.1 is taken by something that is not a registry: stop it, or give the local registry another port (e.g. localhost:5001)", RegistryFailureKind.NotARegistry);
        }

        if (!File.Exists(_options.BinaryPath))
        {
            throw Failure($"docker-registry is not installed ({_options.BinaryPath} is missing): run {InstallHint}, or use the registry:2 image");
        }

        if (!File.Exists(_options.DaemonLauncherPath))
        {
            throw Failure($"cannot start the local registry in the background: {_options.DaemonLauncherPath} is missing (it comes with dpkg); install dpkg or start {_options.BinaryPath} yourself");
        }

        var dataDirectory = DataDirectory;
        var storage = Path.Combine(dataDirectory, "storage");
        Directory.CreateDirectory(storage);

        // Two first builds at once: one starts the registry, the other waits for the lock and finds it serving.
        using (await AcquireStartLockAsync(Path.Combine(dataDirectory, "start.lock"), cancellationToken))
        {
            if (await ProbeAsync(cancellationToken) == ProbeResult.Registry)
            {
                _logger.LogInformation("A registry already serves {Host} (another build started it)", _options.Host);
                return new LocalRegistryStatus(_options.Host, StartedNow: false, DataDirectory: null, LogPath: null);
            }

            return await StartAsync(dataDirectory, storage, cancellationToken);
        }
    }

    private async Task<LocalRegistryStatus> StartAsync(string dataDirectory, string storage, CancellationToken cancellationToken)
    {
        var configPath = Path.Combine(dataDirectory, "config.yml");
        var logPath = Path.Combine(dataDirectory, "registry.log");
        var pidPath = Path.Combine(dataDirectory, "registry.pid");
        var configuration = new RegistryServerConfiguration
        {
            ListenAddress = $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}",
            StorageDirectory = storage,
            DeleteEnabled = true,
        };
        await File.WriteAllTextAsync(configPath, configuration.ToYaml(), cancellationToken);

        await StartDetachedAsync(configPath, logPath, pidPath, dataDirectory, cancellationToken);
        await WaitUntilServingAsync(logPath, cancellationToken);
        _logger.LogInformation("Started the local registry on {Host}; its data lives in {DataDirectory} (log {LogPath})", _options.Host, dataDirectory, logPath);
        return new LocalRegistryStatus(_options.Host, StartedNow: true, dataDirectory, logPath);
    }

    /// <summary>An exclusive lock on <paramref name="path"/> (released by the OS if this process dies).</summary>
    private async Task<FileStream> AcquireStartLockAsync(string path, CancellationToken cancellationToken)
    {
        var deadline = _time.GetUtcNow() + _options.StartTimeout;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (_time.GetUtcNow() < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), _time, cancellationToken);
            }
            catch (IOException exception)
            {
                throw Failure($"another build holds {path} for longer than {_options.StartTimeout.TotalSeconds:0} s while starting the local registry ({exception.Message}): wait for it, or remove the file if no build runs");
            }
        }
    }

    private async Task StartDetachedAsync(string configPath, string logPath, string pidPath, string workingDirectory, CancellationToken cancellationToken)
    {
        // start-stop-daemon forks into its own session and points stdout/stderr at the log, so the registry
        // outlives this build and never writes into our output. A stale pid file only matters if its pid runs
        // this binary, which is the "already running" answer we want anyway.
        var errors = new StringBuilder();
        var result = await Cli.Wrap(_options.DaemonLauncherPath)
            .WithArguments(
            [
                "--start", "--background", "--make-pidfile", "--pidfile", pidPath, "--output", logPath,
                "--chdir", workingDirectory, "--exec", _options.BinaryPath, "--", "serve", configPath,
            ])
            .WithEnvironmentVariables(DaemonEnvironment.Variables())
            .WithStandardOutputPipe(PipeTarget.ToStringBuilder(errors))
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(errors))
            .WithValidation(CommandResultValidation.None)
            .ExecuteAsync(cancellationToken);
        if (result.ExitCode != 0)
        {
            throw Failure($"could not start {_options.BinaryPath} in the background (exit code {result.ExitCode}: {errors.ToString().Trim()}): see {logPath}");
        }
    }

    private async Task WaitUntilServingAsync(string logPath, CancellationToken cancellationToken)
    {
        var deadline = _time.GetUtcNow() + _options.StartTimeout;
        while (_time.GetUtcNow() < deadline)
        {
            if (await ProbeAsync(cancellationToken) == ProbeResult.Registry)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), _time, cancellationToken);
        }

        throw Failure($"the local registry did not answer {ProbeUri} within {_options.StartTimeout.TotalSeconds:0} s: see its log {logPath}");
    }

    private async Task<ProbeResult> ProbeAsync(CancellationToken cancellationToken)
    {
        using var invoker = _transport is null
            ? new HttpMessageInvoker(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(2) }, disposeHandler: true)
            : new HttpMessageInvoker(_transport, disposeHandler: false);
        using var request = new HttpRequestMessage(HttpMethod.Get, ProbeUri);
        try
        {
            using var response = await invoker.SendAsync(request, cancellationToken);
            return response.Headers.Contains("Docker-Distribution-Api-Version") || response.StatusCode == HttpStatusCode.Unauthorized
                ? ProbeResult.Registry
                : ProbeResult.SomethingElse;
        }
        catch (Exception exception) when (exception is HttpRequestException
            || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return ProbeResult.Nothing;
        }
    }

    private RegistryException Failure(string message, RegistryFailureKind kind = RegistryFailureKind.LocalRegistryFailed) =>
        new(kind, _options.Host, message);

    private static string DefaultDataDirectory(ProcessEnvironment environment)
    {
        if (environment["XDG_DATA_HOME"] is { Length: > 0 } dataHome)
        {
            return Path.Combine(dataHome, "pipeline", "registry");
        }

        var home = environment["HOME"] is { Length: > 0 } configured
            ? configured
            : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(home, ".local", "share", "pipeline", "registry");
    }

    private enum ProbeResult
    {
        Nothing,
        Registry,
        SomethingElse,
    }
}
