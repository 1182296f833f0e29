using Pipeline.Registry;
using Pipeline.Registry.Http;
using Pipeline.Version;

namespace Pipeline.Doctor;

/// <summary>
/// Registry checks, in the order a push meets them: the API answers (no TLS, CA or port problem), the scheme the
/// engine will use, how the registry authenticates and where the credentials came from, the login, and push
/// access to the repository (what the token service grants, or else an upload started and cancelled). Failures are the registry
/// stage's own named <see cref="RegistryException"/>s with <see cref="RegistryFixes"/>.
/// </summary>
public static class RegistryChecks
{
    /// <summary>Check names, as the table and JSON show them.</summary>
    public const string Reachable = "registry reachable";

    /// <inheritdoc cref="Reachable"/>
    public const string Auth = "registry auth";

    /// <inheritdoc cref="Reachable"/>
    public const string Login = "registry login";

    /// <inheritdoc cref="Reachable"/>
    public const string PushAccess = "push access";

    /// <summary>Runs the checks; a failure skips the checks that depend on it.</summary>
    public static async Task<IReadOnlyList<CheckResult>> RunAsync(RegistryCheckRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var registry = request.Registry;
        var results = new List<CheckResult>();

        // Anonymously first, so "does it answer the registry API" is told apart from "are the credentials good".
        RegistryEndpoint endpoint;
        using (var anonymous = new RegistryClient(registry, RegistryCredentials.Anonymous, request.ClientOptions))
        {
            try
            {
                endpoint = await anonymous.PingAsync(cancellationToken);
            }
            catch (RegistryException exception) when (exception.Kind == RegistryFailureKind.TokenRealmUnreachable)
            {
                // The registry answered with a token challenge; it is its token service that is down.
                results.Add(CheckResult.Ok(Reachable, $"{registry} answers the registry API and sends clients to a token service"));
                results.Add(CheckResult.Skipped(SchemeCheck.Name, "not determined: the token service did not answer"));
                results.Add(Failure(Auth, exception, request));
                results.AddRange(CheckResult.SkippedAll("the token service did not answer", Login, PushAccess));
                return results;
            }
            catch (RegistryException exception)
            {
                results.Add(Failure(Reachable, exception, request));
                results.Add(exception.Kind == RegistryFailureKind.HttpResponseToHttpsClient
                    ? SchemeCheck.ForPlainHttp(registry, request.Engine, request.Inputs)
                    : CheckResult.Skipped(SchemeCheck.Name, "the registry API did not answer"));
                results.AddRange(CheckResult.SkippedAll("the registry API did not answer", Auth, Login, PushAccess));
                return results;
            }
        }

        results.Add(CheckResult.Ok(Reachable, $"{registry} serves the registry API at {endpoint.BaseUri}"));
        results.Add(!request.PushedByEngine ? SchemeCheck.ForOwnClient(endpoint.BaseUri, request.ClientOptions.CaCertificatePath)
            : endpoint.BaseUri.Scheme == Uri.UriSchemeHttp ? SchemeCheck.ForPlainHttp(registry, request.Engine, request.Inputs)
            : SchemeCheck.ForHttps(registry, request.ClientOptions.CaCertificatePath, request.DockerCertificatesDirectory));
        results.Add(AuthResult(registry, endpoint, request.Credentials, request.Inputs));

        using var client = new RegistryClient(registry, request.Credentials, request.ClientOptions);
        try
        {
            await client.PingAsync(cancellationToken);
            results.Add(request.Credentials.IsAnonymous
                ? CheckResult.Skipped(Login, "no credentials to log in with")
                : CheckResult.Ok(Login, $"{registry} accepts user {request.Credentials.Username}"));
        }
        catch (RegistryException exception)
        {
            results.Add(Failure(Login, exception, request));
            results.Add(CheckResult.Skipped(PushAccess, "the login failed"));
            return results;
        }

        if (!request.ProbePushAccess)
        {
            results.Add(CheckResult.Skipped(PushAccess, "not probed"));
            return results;
        }

        var who = request.Credentials.IsAnonymous ? "anonymous access" : $"user {request.Credentials.Username}";
        var target = $"{registry}/{request.Repository}";
        try
        {
            // Token auth says what it grants without touching the repository; otherwise an upload is started and cancelled.
            if (await client.GetGrantedActionsAsync(request.Repository, cancellationToken) is { } granted)
            {
                results.Add(granted.Contains("push") || granted.Contains("*")
                    ? CheckResult.Ok(PushAccess, $"the token service grants {who} push on {target}")
                    : CheckResult.Failed(
                        PushAccess,
                        $"the token service grants {who} {(granted.Count == 0 ? "nothing" : string.Join(", ", granted.Order(StringComparer.Ordinal)))} on {target}, not push: the push will be denied",
                        RegistryFixes.For(request.Credentials.IsAnonymous ? RegistryFailureKind.NoBasicAuthCredentials : RegistryFailureKind.Denied, registry, request.Inputs, request.Repository)));
            }
            else
            {
                await client.Blobs.ProbeUploadAsync(request.Repository, cancellationToken);
                results.Add(CheckResult.Ok(PushAccess, $"{who} may push to {target} (an upload was started and cancelled)"));
            }
        }
        catch (RegistryException exception)
        {
            results.Add(Failure(PushAccess, exception, request));
        }

        return results;
    }

    private static CheckResult AuthResult(RegistryHost registry, RegistryEndpoint endpoint, RegistryCredentials credentials, StageInputNames inputs)
    {
        var scheme = endpoint.AuthenticationScheme switch
        {
            null => "none (the registry is open)",
            var basic when basic.Equals("Basic", StringComparison.OrdinalIgnoreCase) => $"basic auth (realm \"{endpoint.Realm}\")",
            var bearer when bearer.Equals("Bearer", StringComparison.OrdinalIgnoreCase) => $"token auth (token service {endpoint.Realm})",
            var other => other,
        };
        if (endpoint.AuthenticationScheme is not null && credentials.IsAnonymous)
        {
            return CheckResult.Warning(
                Auth,
                $"{scheme}; no credentials found ({inputs.RegistryUsername} with {inputs.RegistryPassword}, docker config auths, credHelpers, credsStore)",
                RegistryFixes.For(RegistryFailureKind.NoBasicAuthCredentials, registry, inputs));
        }

        return CheckResult.Ok(Auth, $"{scheme}; credentials: {credentials}");
    }

    private static CheckResult Failure(string check, RegistryException exception, RegistryCheckRequest request) =>
        CheckResult.Failed(check, exception.Problem, RegistryFixes.For(exception.Kind, request.Registry, request.Inputs, request.Repository));
}
