using Microsoft.Extensions.Logging;
using Pipeline.Engine;
using Pipeline.Image;
using Pipeline.Registry;
using Pipeline.Registry.Http;
using Pipeline.Registry.Credentials;
using Pipeline.Registry.Local;

namespace Pipeline.Components;

/// <summary>
/// The private registry and how to reach it. Credentials come from <c>--registry-username</c> with
/// <c>REGISTRY_PASSWORD</c>, else the user's docker config (auths, credHelpers, credsStore), else anonymous.
/// Nothing is written to the docker config and no password reaches a command line.
/// </summary>
public interface IHazRegistry : IPipelineBuild
{
    /// <summary>The registry host[:port]; the default starts a local registry when none listens there.</summary>
    [Parameter("Registry host[:port] (Nexus Docker connector, registry:2, Harbor)")]
    RegistryHost Registry => Parameter(RegistryHost.LocalDefault);

    /// <summary>The registry user; with <see cref="RegistryPassword"/> it overrides the docker config.</summary>
    [Parameter("Registry user name")]
    string? RegistryUsername => Parameter<string?>(null);

    /// <summary>The registry password or token: set REGISTRY_PASSWORD, never a command-line flag.</summary>
    [Parameter("Registry password or access token"), Secret]
    string? RegistryPassword => Parameter<string?>(null);

    /// <summary>A CA certificate (PEM) to trust a registry whose certificate is self-signed.</summary>
    [Parameter("CA certificate (PEM) for a registry with a self-signed certificate")]
    AbsolutePath? RegistryCa => Parameter<AbsolutePath?>(null);

    /// <summary>How registry clients reach <see cref="Registry"/>: the CA to trust, and the flags their fixes name.</summary>
    RegistryClientOptions RegistryClientOptions => new() { CaCertificatePath = RegistryCa?.Value, Inputs = CliInputNames.Value };

    /// <summary>Resolves the credentials once per build and masks every form of the secret.</summary>
    Task<RegistryCredentials> ResolveRegistryCredentialsAsync(CancellationToken cancellationToken) => Once(async () =>
    {
        RegistryCredentials? explicitCredentials = null;
        if (RegistryUsername is { Length: > 0 } username)
        {
            explicitCredentials = RegistryPassword is { Length: > 0 } password
                ? new RegistryCredentials(username, password, CredentialSource.Explicit("--registry-username and REGISTRY_PASSWORD"))
                : throw new ArgumentException(
                    $"--registry-username {username} was given without a password: set REGISTRY_PASSWORD in the environment.");
        }

        var resolver = new RegistryCredentialResolver(StageEnvironment.Of(this), logger: Log);
        var credentials = await resolver.ResolveAsync(Registry, explicitCredentials, cancellationToken);
        MaskCredentials(credentials);
        Log.LogInformation("Registry {Registry}: {Credentials}", Registry, credentials);
        return credentials;
    });

    /// <summary>Masks every form of <paramref name="credentials"/>' secret (password, <c>user:password</c>, their base64) in all output.</summary>
    void MaskCredentials(RegistryCredentials credentials)
    {
        foreach (var secret in credentials.Secrets)
        {
            AddSecret(secret);
        }
    }

    /// <summary>A registry client for <see cref="Registry"/> with the resolved credentials.</summary>
    async Task<RegistryClient> ConnectRegistryAsync(CancellationToken cancellationToken)
    {
        await EnsureLocalRegistryAsync(cancellationToken);
        var credentials = await ResolveRegistryCredentialsAsync(cancellationToken);
        return new RegistryClient(Registry, credentials, RegistryClientOptions, Log);
    }

    /// <summary>
    /// With the default <c>localhost:5000</c> and nothing listening, starts a local registry that keeps its data
    /// between runs; any other registry is the user's to run.
    /// </summary>
    Task EnsureLocalRegistryAsync(CancellationToken cancellationToken) =>
        Registry != RegistryHost.LocalDefault ? Task.CompletedTask : Once(async () =>
    {
        var options = new LocalRegistryOptions();
        var local = new LocalRegistry(options, StageEnvironment.Of(this), Log);
        var provisioner = new ProvisionScript(Log);
        if (!File.Exists(options.BinaryPath) && provisioner.CanProvision && !await local.IsServingAsync(cancellationToken))
        {
            await provisioner.ProvisionAsync("registry", cancellationToken);
        }

        // The registry says itself whether it started one (with its data folder and log) or found one serving.
        await local.EnsureRunningAsync(cancellationToken);
        return true;
    });
}
