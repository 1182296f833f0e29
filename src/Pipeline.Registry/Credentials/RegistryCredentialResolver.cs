using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Pipeline.Registry.Credentials;

/// <summary>
/// Finds credentials for a registry the way Docker does, in order: explicit credentials from the caller
/// (parameters, environment) → the docker config's <c>credHelpers</c> entry → its <c>credsStore</c> → its
/// <c>auths</c> entry → anonymous. It only reads config.json, never writes it.
/// </summary>
public sealed class RegistryCredentialResolver
{
    private readonly ProcessEnvironment _environment;
    private readonly DockerCredentialHelper _helpers;
    private readonly ILogger _logger;

    /// <summary>Creates a resolver.</summary>
    /// <param name="environment">Environment variables: <c>DOCKER_CONFIG</c>, <c>HOME</c>, and <c>PATH</c> for credential helpers.</param>
    /// <param name="dockerConfigPath">An explicit config.json path; by default <c>$DOCKER_CONFIG/config.json</c> or <c>~/.docker/config.json</c>.</param>
    /// <param name="logger">Where to say which source was used (never the secret).</param>
    public RegistryCredentialResolver(ProcessEnvironment environment, string? dockerConfigPath = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        _environment = environment;
        _helpers = new DockerCredentialHelper(environment);
        _logger = logger ?? NullLogger.Instance;
        DockerConfigPath = dockerConfigPath ?? DefaultConfigPath(environment);
    }

    /// <summary>The docker config.json consulted (it need not exist), or null when no home is known.</summary>
    public string? DockerConfigPath { get; }

    /// <summary>A resolver over this process's environment variables.</summary>
    public static RegistryCredentialResolver FromProcessEnvironment(ILogger? logger = null) =>
        new(ProcessEnvironment.Current(), logger: logger);

    /// <summary>The credentials to use for <paramref name="registry"/>.</summary>
    /// <param name="registry">The registry to log in to.</param>
    /// <param name="explicitCredentials">Credentials the caller was given; they win when not anonymous.</param>
    /// <param name="cancellationToken">Cancels a running credential helper.</param>
    public async Task<RegistryCredentials> ResolveAsync(RegistryHost registry, RegistryCredentials? explicitCredentials = null, CancellationToken cancellationToken = default)
    {
        var credentials = explicitCredentials is { IsAnonymous: false }
            ? explicitCredentials
            : await FromDockerConfigAsync(registry, cancellationToken) ?? RegistryCredentials.Anonymous;
        _logger.LogDebug("Registry {Registry}: {Credentials}", registry, credentials);
        return credentials;
    }

    private async Task<RegistryCredentials?> FromDockerConfigAsync(RegistryHost registry, CancellationToken cancellationToken)
    {
        if (DockerConfigPath is null || !File.Exists(DockerConfigPath))
        {
            return null;
        }

        using var config = await ReadConfigAsync(DockerConfigPath, registry, cancellationToken);
        var root = config.RootElement;

        if (FindEntry(root, "credHelpers", registry) is { ValueKind: JsonValueKind.String } helper && helper.GetString() is { Length: > 0 } helperName)
        {
            return await _helpers.GetAsync(helperName, registry, CredentialSource.CredentialHelper(helperName), cancellationToken);
        }

        if (root.TryGetProperty("credsStore", out var store) && store.GetString() is { Length: > 0 } storeName
            && await _helpers.GetAsync(storeName, registry, CredentialSource.CredentialStore(storeName), cancellationToken) is { } stored)
        {
            return stored;
        }

        return FindEntry(root, "auths", registry) is { ValueKind: JsonValueKind.Object } auth
            ? FromAuthEntry(auth, registry)
            : null;
    }

    private RegistryCredentials? FromAuthEntry(JsonElement entry, RegistryHost registry)
    {
        var source = CredentialSource.DockerConfig(DockerConfigPath!);
        string? username = StringProperty(entry, "username");
        string? password = StringProperty(entry, "password");
        if (StringProperty(entry, "auth") is { Length: > 0 } encoded)
        {
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
            }
            catch (FormatException exception)
            {
                throw new RegistryException(
                    RegistryFailureKind.InvalidDockerConfig,
                    registry,
                    $"the 'auth' value for {registry} in {DockerConfigPath} is not base64: run docker login {registry} again",
                    exception);
            }

            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new RegistryException(
                    RegistryFailureKind.InvalidDockerConfig,
                    registry,
                    $"the 'auth' value for {registry} in {DockerConfigPath} is not base64 of user:password: run docker login {registry} again");
            }

            username = decoded[..colon];
            password = decoded[(colon + 1)..];
        }

        var identityToken = StringProperty(entry, "identitytoken");
        if (string.IsNullOrEmpty(password) && string.IsNullOrEmpty(identityToken))
        {
            return null;
        }

        return new RegistryCredentials(string.IsNullOrEmpty(username) ? "<token>" : username, password, source, identityToken);
    }

    private static JsonElement? FindEntry(JsonElement root, string section, RegistryHost registry)
    {
        if (!root.TryGetProperty(section, out var entries) || entries.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var entry in entries.EnumerateObject())
        {
            if (DockerConfigKeys.Matches(entry.Name, registry))
            {
                return entry.Value;
            }
        }

        return null;
    }

    private static async Task<JsonDocument> ReadConfigAsync(string path, RegistryHost registry, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = File.OpenRead(path);
            return await JsonDocument.ParseAsync(stream, default, cancellationToken);
        }
        catch (Exception exception) when (exception is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new RegistryException(
                RegistryFailureKind.InvalidDockerConfig,
                registry,
                $"cannot read the docker config {path} ({exception.GetType().Name}): fix or remove it, or point DOCKER_CONFIG elsewhere",
                exception);
        }
    }

    private static string? StringProperty(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? DefaultConfigPath(ProcessEnvironment environment)
    {
        if (environment["DOCKER_CONFIG"] is { Length: > 0 } configDirectory)
        {
            return Path.Combine(configDirectory, "config.json");
        }

        var home = environment["HOME"] ?? environment["USERPROFILE"];
        return string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".docker", "config.json");
    }
}
