using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using CliWrap;
using Pipeline.Registry;
using Pipeline.Registry.Http;
using Pipeline.Registry.Local;

namespace Pipeline.Testing.Registries;

/// <summary>
/// A real registry (Debian's <c>docker-registry</c> 2.8) on a free 127.0.0.1 port with a temporary config and
/// data directory, optionally with htpasswd or token auth and TLS from a test CA, or on a config the caller writes
/// (<see cref="StartFromConfigAsync"/>). Dispose kills it and deletes its files.
/// </summary>
public sealed partial class RegistryServer : IAsyncDisposable
{
    private const string Service = "pipeline-test-registry";
    private const string Issuer = "pipeline-test-issuer";
    private const int MaxLogLines = 200;

    private readonly string _rootDirectory;
    private readonly ConcurrentQueue<string> _log = new();
    private readonly ConcurrentQueue<string> _requests = new();
    private CancellationTokenSource? _processCancellation;
    private Task? _process;
    private int? _processId;

    private RegistryServer(RegistryServerOptions options, string rootDirectory, RegistryTokenIssuer? tokenIssuer)
    {
        Options = options;
        _rootDirectory = rootDirectory;
        TokenIssuer = tokenIssuer;
        DataDirectory = Path.Combine(rootDirectory, "data");
        Credentials = options.Auth == RegistryAuthMode.None
            ? RegistryCredentials.Anonymous
            : new RegistryCredentials(options.Username, options.Password, CredentialSource.Explicit("test registry user"));
    }

    /// <summary>The options it was started with.</summary>
    public RegistryServerOptions Options { get; }

    /// <summary>Where it listens: <c>127.0.0.1:PORT</c>.</summary>
    public RegistryHost Host { get; private set; }

    /// <summary>The API root, <c>http(s)://127.0.0.1:PORT/</c>.</summary>
    public Uri BaseUri { get; private set; } = null!;

    /// <summary>The registry's user, or <see cref="RegistryCredentials.Anonymous"/> when it has no auth.</summary>
    public RegistryCredentials Credentials { get; }

    /// <summary>The test CA's PEM file when serving TLS, else null.</summary>
    public string? CaCertificatePath { get; private set; }

    /// <summary>The registry's storage root directory.</summary>
    public string DataDirectory { get; }

    /// <summary>The token issuer in token mode (stop it to test "token realm down"), else null.</summary>
    public RegistryTokenIssuer? TokenIssuer { get; }

    /// <summary>The last lines the registry wrote (for failure messages).</summary>
    public string RecentLog => string.Join('\n', _log);

    /// <summary>
    /// Every request the registry answered, in order, as <c>METHOD URI</c> (its access log's "response completed"
    /// lines). Never trimmed, unlike <see cref="RecentLog"/>: a whole build's traffic stays countable.
    /// </summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    /// <summary>The <c>config.yml</c> the registry runs with.</summary>
    public string ConfigYaml { get; private set; } = string.Empty;

    /// <summary>
    /// Starts a registry; fails with "docker-registry is not installed: run build/provision.sh registry" when
    /// the binary is missing.
    /// </summary>
    public static async Task<RegistryServer> StartAsync(RegistryServerOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        EnsureInstalled(options);
        OrphanedRegistrySweep.Run();
        var root = Directory.CreateTempSubdirectory(OrphanedRegistrySweep.DirectoryPrefix).FullName;
        RegistryTokenIssuer? tokenIssuer = null;
        try
        {
            using var authority = TestCertificateAuthority.Create("Pipeline Test CA");
            RegistryTokenAuthSettings? tokenAuth = null;
            if (options.Auth == RegistryAuthMode.Token)
            {
                var signer = authority.IssueSigningCertificate();
                var bundle = Path.Combine(root, "token-ca.crt");
                await File.WriteAllTextAsync(bundle, TestCertificateAuthority.CertificatePem(authority.Certificate), ct);
                tokenIssuer = await RegistryTokenIssuer.StartAsync(signer, Service, Issuer, options.Username, options.Password, options.GrantedActions, ct);
                tokenAuth = new RegistryTokenAuthSettings(tokenIssuer.Realm, Service, Issuer, bundle);
            }

            var server = new RegistryServer(options, root, tokenIssuer);
            try
            {
                await server.StartProcessAsync(authority, tokenAuth, ct);
                return server;
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }
        }
        catch
        {
            if (tokenIssuer is not null)
            {
                await tokenIssuer.DisposeAsync();
            }

            DeleteDirectory(root);
            throw;
        }
    }

    /// <summary>
    /// Starts a registry on a <c>config.yml</c> the caller writes for the port and directories chosen here (e.g. a
    /// config rendered for Kubernetes, with only its address and paths rewritten), with extra files (mode 0600)
    /// beside it and environment variables for the process. <paramref name="options"/> gives the binary and the
    /// start timeout; <see cref="Credentials"/> stays anonymous: the config decides who may log in.
    /// </summary>
    public static async Task<RegistryServer> StartFromConfigAsync(
        RegistryServerConfigFile config, RegistryServerOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        options ??= new RegistryServerOptions();
        EnsureInstalled(options);
        OrphanedRegistrySweep.Run();
        var server = new RegistryServer(options, Directory.CreateTempSubdirectory(OrphanedRegistrySweep.DirectoryPrefix).FullName, tokenIssuer: null);
        try
        {
            Directory.CreateDirectory(server.DataDirectory);
            foreach (var (name, content) in config.ExtraFiles)
            {
                await WritePrivateFileAsync(Path.Combine(server._rootDirectory, name), content, ct);
            }

            await server.RunProcessAsync(config.ConfigYaml, config.Environment, serverCertificateHash: null, ct);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>A client for this registry with its own credentials (or <paramref name="credentials"/>) and its CA.</summary>
    public RegistryClient CreateClient(RegistryCredentials? credentials = null, RegistryScheme scheme = RegistryScheme.Auto) =>
        new(Host, credentials ?? Credentials, new RegistryClientOptions { CaCertificatePath = CaCertificatePath, Scheme = scheme });

    /// <summary>
    /// Pushes a tiny valid image (config + one layer + schema 2 manifest) through the HTTP API with the registry's
    /// own credentials. The layer holds <c>repository:tag</c>, so each tag gets its own digest.
    /// </summary>
    public async Task<Digest> SeedImageAsync(string repository, string tag, IReadOnlyDictionary<string, string>? labels = null, CancellationToken ct = default)
    {
        using var client = CreateClient();
        var image = TestImage.Create($"{repository}:{tag}", labels);
        return await image.PushAsync(client, repository, tag, ct);
    }

    /// <summary>Kills the registry and stops the token issuer; files stay until dispose.</summary>
    public async Task StopAsync()
    {
        await StopProcessAsync();
        if (TokenIssuer is not null)
        {
            await TokenIssuer.StopAsync();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _processCancellation?.Dispose();
        if (TokenIssuer is not null)
        {
            await TokenIssuer.DisposeAsync();
        }

        DeleteDirectory(_rootDirectory);
    }

    private async Task StartProcessAsync(TestCertificateAuthority authority, RegistryTokenAuthSettings? tokenAuth, CancellationToken ct)
    {
        Directory.CreateDirectory(DataDirectory);
        string? htpasswd = null;
        if (Options.Auth == RegistryAuthMode.Htpasswd)
        {
            htpasswd = Path.Combine(_rootDirectory, "htpasswd");
            await File.WriteAllTextAsync(htpasswd, HtpasswdEntry.Create(Options.Username, Options.Password, workFactor: 4) + "\n", ct);
        }

        string? certificatePath = null;
        string? keyPath = null;
        byte[]? serverCertificateHash = null;
        if (Options.Tls)
        {
            using var serverCertificate = authority.IssueServerCertificate();
            certificatePath = Path.Combine(_rootDirectory, "server.crt");
            keyPath = Path.Combine(_rootDirectory, "server.key");
            CaCertificatePath = Path.Combine(_rootDirectory, "ca.crt");
            await File.WriteAllTextAsync(certificatePath, TestCertificateAuthority.CertificatePem(serverCertificate), ct);
            await File.WriteAllTextAsync(keyPath, TestCertificateAuthority.PrivateKeyPem(serverCertificate), ct);
            await File.WriteAllTextAsync(CaCertificatePath, TestCertificateAuthority.CertificatePem(authority.Certificate), ct);
            serverCertificateHash = serverCertificate.GetCertHash();
        }

        await RunProcessAsync(
            placement => new RegistryServerConfiguration
            {
                ListenAddress = placement.ListenAddress,
                StorageDirectory = placement.DataDirectory,
                DeleteEnabled = Options.DeleteEnabled,
                HtpasswdPath = htpasswd,
                TokenAuth = tokenAuth,
                TlsCertificatePath = certificatePath,
                TlsKeyPath = keyPath,
                ProxyRemoteUrl = Options.ProxyRemoteUrl,
            }.ToYaml(),
            new Dictionary<string, string?>(StringComparer.Ordinal),
            serverCertificateHash,
            ct);
    }

    private async Task RunProcessAsync(
        Func<RegistryServerPlacement, string> configYaml,
        IReadOnlyDictionary<string, string?> environment,
        byte[]? serverCertificateHash,
        CancellationToken ct)
    {
        // A free port can be taken between probing and binding: retry a few times with a fresh one.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            Host = RegistryHost.Parse($"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
            BaseUri = new Uri($"{(Options.Tls ? "https" : "http")}://{Host}/");
            ConfigYaml = configYaml(new RegistryServerPlacement(Host.ToString(), DataDirectory, _rootDirectory));
            var configPath = Path.Combine(_rootDirectory, "config.yml");
            await File.WriteAllTextAsync(configPath, ConfigYaml, ct);

            _processCancellation = new CancellationTokenSource();
            var command = Cli.Wrap(Options.BinaryPath)
                .WithArguments(["serve", configPath])
                .WithWorkingDirectory(_rootDirectory)
                .WithEnvironmentVariables(environment)
                .WithStandardOutputPipe(PipeTarget.ToDelegate(Record))
                .WithStandardErrorPipe(PipeTarget.ToDelegate(Record))
                .WithValidation(CommandResultValidation.None)
                .ExecuteAsync(_processCancellation.Token);
            _process = command;
            _processId = command.ProcessId;
            OrphanedRegistrySweep.Record(_rootDirectory, command.ProcessId);
            AppDomain.CurrentDomain.ProcessExit += KillOnExit;

            if (await WaitUntilReadyAsync(serverCertificateHash, ct))
            {
                return;
            }

            await StopProcessAsync();
            _processCancellation.Dispose();
            _processCancellation = null;
            if (attempt == 3)
            {
                throw new InvalidOperationException($"docker-registry did not answer {BaseUri}v2/ within {Options.StartTimeout.TotalSeconds:0} s ({Options}). Its output:\n{RecentLog}");
            }
        }
    }

    private async Task<bool> WaitUntilReadyAsync(byte[]? serverCertificateHash, CancellationToken ct)
    {
        // The probe trusts exactly the certificate this server was given (pinning, not disabled validation).
        using var handler = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(1),
            SslOptions =
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    serverCertificateHash is not null && certificate is not null && certificate.GetCertHash().AsSpan().SequenceEqual(serverCertificateHash),
            },
        };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTimeOffset.UtcNow + Options.StartTimeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (_process!.IsCompleted)
            {
                return false;
            }

            try
            {
                using var response = await client.GetAsync(new Uri(BaseUri, "v2/"), ct);
                if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized)
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
                // Probe timed out; try again.
            }

            await Task.Delay(50, ct);
        }

        return false;
    }

    private async Task StopProcessAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
        if (_processCancellation is { } cancellation && _process is { } process)
        {
            await cancellation.CancelAsync();
            try
            {
                await process;
            }
            catch (OperationCanceledException)
            {
                // Expected: cancellation kills the process.
            }
        }
    }

    // A test run that ends without disposing must not leave registries behind.
    private void KillOnExit(object? sender, EventArgs e)
    {
        if (_processId is not { } processId || _process is not { IsCompleted: false })
        {
            return;
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(processId);
            process.Kill();
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
        {
            // Already gone.
        }
    }

    private void Record(string line)
    {
        _log.Enqueue(line);
        if (AccessLine().Match(line) is { Success: true } access)
        {
            _requests.Enqueue($"{access.Groups["method"].Value} {access.Groups["uri"].Value}");
        }

        while (_log.Count > MaxLogLines && _log.TryDequeue(out _))
        {
        }
    }

    private static void EnsureInstalled(RegistryServerOptions options)
    {
        if (!File.Exists(options.BinaryPath))
        {
            throw new InvalidOperationException($"docker-registry is not installed ({options.BinaryPath} is missing): run build/provision.sh registry");
        }
    }

    // Secrets (an htpasswd file) are readable by this user only, as a mounted Secret would be.
    private static async Task WritePrivateFileAsync(string path, byte[] content, CancellationToken ct)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var file = new FileStream(path, options);
        await file.WriteAsync(content, ct);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static void DeleteDirectory(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
            // Best effort: a temp directory left behind must not fail the test run.
        }
        catch (UnauthorizedAccessException)
        {
            // Same as above.
        }
    }

    // logrus' text format: msg first, then the fields sorted (http.request.method before http.request.uri).
    [GeneratedRegex("msg=\"response completed.*?http\\.request\\.method=(?<method>[A-Z]+) .*?http\\.request\\.uri=\"?(?<uri>[^\" ]+)")]
    private static partial Regex AccessLine();
}
