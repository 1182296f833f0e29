using Microsoft.Extensions.Logging;
using Pipeline.Engine;
using Pipeline.Manifests;
using Pipeline.Registry;
using Pipeline.Registry.Credentials;

namespace Pipeline.Components;

/// <summary>
/// The pull Secret a release's pods pull through, for one service (Render) or many (ServiceManifests): its name, the
/// file it is written to only when asked, and its credentials, chosen, never merely found: <c>--pull-username</c> with
/// <c>PULL_PASSWORD</c>, else the push credentials given explicitly, else a docker-config login only with
/// <c>--pull-secret-from-docker-config</c> (a developer's login must not become a cluster Secret by accident).
/// </summary>
public interface IHazPullSecret : IHazNamespace, IHazRegistry
{
    /// <summary>The Secret the Deployment pulls through.</summary>
    [Parameter("Name of the kubernetes.io/dockerconfigjson Secret the pods pull through")]
    DnsLabel PullSecret => Parameter(DnsLabel.Parse("regcred"));

    /// <summary>Writes the pull Secret here (mode 0600); it is written nowhere unless asked.</summary>
    [Parameter("Also write the pull Secret to this file (mode 0600); by default it is never written")]
    AbsolutePath? PullSecretFile => Parameter<AbsolutePath?>(null);

    /// <summary>The pull Secret's user, a read-only (robot) account; with <see cref="PullPassword"/> it wins over the push credentials.</summary>
    [Parameter("User the pods pull as (a read-only robot account); with PULL_PASSWORD it goes into the pull Secret instead of the push credentials")]
    string? PullUsername => Parameter<string?>(null);

    /// <summary>The pull account's password or token: set PULL_PASSWORD, never a command-line flag.</summary>
    [Parameter("Password or token of --pull-username"), Secret]
    string? PullPassword => Parameter<string?>(null);

    /// <summary>Lets the pull Secret carry credentials found only in the docker config or a credential helper.</summary>
    [Parameter("Build the pull Secret from the login in ~/.docker/config.json or its credential helper (refused otherwise: a personal login would become a cluster Secret)")]
    bool PullSecretFromDockerConfig => Parameter(false);

    /// <summary>
    /// The credentials the pull Secret carries, once per build: <c>--pull-username</c> with <c>PULL_PASSWORD</c>; else
    /// the push credentials when they were given (parameters, environment); else a docker-config login when
    /// <see cref="PullSecretFromDockerConfig"/> chooses it. Anonymous when there are none, or when a login was only
    /// found (<see cref="RefuseFoundPullCredentialsAsync"/> refuses that wherever the Secret would leave memory).
    /// </summary>
    protected Task<RegistryCredentials> ResolvePullCredentialsAsync(CancellationToken cancellationToken) => Once(async () =>
    {
        var chosen = PullCredentials() ?? await ResolveRegistryCredentialsAsync(cancellationToken);
        if (IsOnlyFound(chosen))
        {
            if (PullSecretFromDockerConfig)
            {
                Log.LogInformation("The pull Secret {Secret} carries {Credentials}, as --pull-secret-from-docker-config asks", PullSecret, chosen);
            }
            else
            {
                chosen = RegistryCredentials.Anonymous;
            }
        }

        return chosen;
    });

    /// <summary>
    /// Refuses, before anything runs, a pull Secret that <paramref name="secretLeavesMemory"/> (Deploy applies it, or
    /// <see cref="PullSecretFile"/> writes it) and whose only credentials were found in the docker config or a
    /// credential helper, not chosen: the message names both fixes.
    /// </summary>
    protected async Task RefuseFoundPullCredentialsAsync(Func<CancellationToken, Task<bool>> secretLeavesMemory, CancellationToken cancellationToken)
    {
        if (PullCredentials() is not null || PullSecretFromDockerConfig)
        {
            return;
        }

        var found = await ResolveRegistryCredentialsAsync(cancellationToken);
        if (IsOnlyFound(found) && await secretLeavesMemory(cancellationToken))
        {
            throw new ManifestException(
                ManifestFailureKind.UnusableCredentials,
                $"the pull Secret {Namespace}/{PullSecret} would carry {found}, a personal login that can likely push, and it would "
                + "become a cluster Secret: give the pods a read-only account with --pull-username and PULL_PASSWORD, or pass "
                + "--pull-secret-from-docker-config to use this login on purpose");
        }
    }

    /// <summary>The <c>--pull-username</c> / <c>PULL_PASSWORD</c> pair, masked; null when not given, refused when half given.</summary>
    protected RegistryCredentials? PullCredentials()
    {
        var credentials = CredentialPair.Read(
            "--pull-username", PullUsername, "PULL_PASSWORD", PullPassword, "to build the pull Secret from the push credentials");
        if (credentials is not null)
        {
            MaskCredentials(credentials);
        }

        return credentials;
    }

    /// <summary>True for a login found in the docker config or a credential helper rather than given to this build.</summary>
    private static bool IsOnlyFound(RegistryCredentials credentials) =>
        credentials.Source.Kind is CredentialSourceKind.DockerConfig or CredentialSourceKind.CredentialHelper or CredentialSourceKind.CredentialStore;
}
