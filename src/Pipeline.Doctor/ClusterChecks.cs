using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Pipeline.Cluster;
using Pipeline.Manifests;
using Pipeline.Registry;
using Pipeline.Registry.Http;
using Pipeline.Version;

namespace Pipeline.Doctor;

/// <summary>
/// Cluster checks (only when a cluster is configured): the context answers, the namespace exists, and the pull
/// Secret is there, of type <c>kubernetes.io/dockerconfigjson</c>, with an entry the kubelet matches to the image's
/// registry (<see cref="PullSecretAuths"/>, the kubelet's keyring rules) whose credentials the registry accepts.
/// Nothing in the cluster is changed.
/// </summary>
public static class ClusterChecks
{
    /// <summary>Check names, as the table and JSON show them.</summary>
    public const string Cluster = "cluster";

    /// <inheritdoc cref="Cluster"/>
    public const string Namespace = "namespace";

    /// <inheritdoc cref="Cluster"/>
    public const string PullSecret = "pull secret";

    /// <inheritdoc cref="Cluster"/>
    public const string PullSecretEntry = "pull secret entry";

    /// <inheritdoc cref="Cluster"/>
    public const string PullSecretLogin = "pull secret login";

    /// <summary>Resolves the cluster with <paramref name="resolve"/> and runs the checks against it.</summary>
    public static async Task<IReadOnlyList<CheckResult>> RunAsync(
        Func<CancellationToken, Task<ClusterResolution>> resolve,
        ClusterCheckRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resolve);
        ArgumentNullException.ThrowIfNull(request);
        ClusterResolution resolution;
        try
        {
            resolution = await resolve(cancellationToken);
        }
        catch (ClusterException exception)
        {
            return [CheckResult.Failed(Cluster, exception.Message, ResolutionFix(exception.Kind, request.Inputs))];
        }

        if (resolution.SkipReason is { } reason)
        {
            return [CheckResult.Skipped(Cluster, reason)];
        }

        using var client = resolution.CreateClient();
        return await RunAsync(client, resolution.Description, request, cancellationToken);
    }

    /// <summary>Runs the checks with an existing client; <paramref name="clusterDescription"/> names the context for the report.</summary>
    public static async Task<IReadOnlyList<CheckResult>> RunAsync(IKubernetes client, string clusterDescription, ClusterCheckRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        var results = new List<CheckResult>();
        try
        {
            var version = await client.Version.GetCodeAsync(cancellationToken);
            results.Add(CheckResult.Ok(Cluster, $"{clusterDescription} answers: Kubernetes {version.GitVersion}"));
        }
        catch (Exception exception) when (exception is HttpRequestException or HttpOperationException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            results.Add(CheckResult.Failed(
                Cluster,
                $"the API server of {clusterDescription} does not answer ({exception.Message})",
                "check the kubeconfig's server address and that the cluster runs (kubectl version)"));
            return [.. results, .. CheckResult.SkippedAll("the cluster did not answer", Namespace, PullSecret, PullSecretEntry, PullSecretLogin)];
        }

        if (await FindAsync(() => client.CoreV1.ReadNamespaceAsync(request.Namespace, cancellationToken: cancellationToken)) is null)
        {
            results.Add(CheckResult.Warning(
                Namespace,
                $"namespace {request.Namespace} does not exist yet",
                $"nothing, if Deploy applies the rendered manifests (they create it); for your own: kubectl create namespace {request.Namespace}"));
            return [.. results, .. MissingSecret(request, $"namespace {request.Namespace} does not exist, so neither does the Secret"), .. CheckResult.SkippedAll("no pull Secret yet", PullSecretEntry, PullSecretLogin)];
        }

        results.Add(CheckResult.Ok(Namespace, $"namespace {request.Namespace} exists"));
        var secret = await FindAsync(() => client.CoreV1.ReadNamespacedSecretAsync(request.PullSecret, request.Namespace, cancellationToken: cancellationToken));
        if (secret is null)
        {
            return [.. results, .. MissingSecret(request, $"secret {request.Namespace}/{request.PullSecret} does not exist"), .. CheckResult.SkippedAll("no pull Secret yet", PullSecretEntry, PullSecretLogin)];
        }

        return [.. results, .. await SecretChecksAsync(secret, request, cancellationToken)];
    }

    private static async Task<IReadOnlyList<CheckResult>> SecretChecksAsync(V1Secret secret, ClusterCheckRequest request, CancellationToken cancellationToken)
    {
        var name = $"{request.Namespace}/{request.PullSecret}";
        var registry = request.Image.Registry;
        var recreate = RecreateCommand(request);
        PullSecretAuths auths;
        try
        {
            auths = PullSecretAuths.Read(secret);
        }
        catch (ManifestException exception)
        {
            return [CheckResult.Failed(PullSecret, exception.Message, recreate), .. CheckResult.SkippedAll("the Secret cannot be read", PullSecretEntry, PullSecretLogin)];
        }

        var keys = string.Join(", ", auths.Entries.Select(entry => $"'{entry.Server}'"));
        var results = new List<CheckResult> { CheckResult.Ok(PullSecret, $"secret {name} is {secret.Type} with entries {(keys.Length == 0 ? "(none)" : keys)}") };
        if (auths.FindFor(request.Image) is not { } entry)
        {
            results.Add(CheckResult.Failed(
                PullSecretEntry,
                $"secret {name} has no entry the kubelet matches to {registry} (keys: {(keys.Length == 0 ? "none" : keys)}; host and port must be equal): pods will fail with ErrImagePull \"no basic auth credentials\"",
                recreate));
            results.Add(CheckResult.Skipped(PullSecretLogin, $"no entry for {registry}"));
            return results;
        }

        results.Add(CheckResult.Ok(PullSecretEntry, $"entry '{entry.Server}' matches {registry} as the kubelet matches it"));
        using var client = new RegistryClient(registry, entry.Credentials, request.ClientOptions);
        try
        {
            await client.PingAsync(cancellationToken);
            results.Add(CheckResult.Ok(PullSecretLogin, $"{registry} accepts the Secret's user {entry.Credentials.Username}"));
        }
        catch (RegistryException exception)
        {
            var fix = exception.Kind is RegistryFailureKind.Unauthorized or RegistryFailureKind.NoBasicAuthCredentials
                ? $"{recreate}, with credentials the registry accepts"
                : RegistryFixes.For(exception.Kind, registry, request.Inputs);
            results.Add(CheckResult.Failed(PullSecretLogin, exception.Problem, fix));
        }

        return results;
    }

    private static IEnumerable<CheckResult> MissingSecret(ClusterCheckRequest request, string detail)
    {
        yield return request.DeployAppliesPullSecret
            ? CheckResult.Warning(PullSecret, $"{detail} yet", "nothing, if Deploy applies it: it builds the Secret from the registry credentials")
            : CheckResult.Failed(
                PullSecret,
                $"{detail}: pods will pull anonymously and a registry that needs a login refuses them",
                RecreateCommand(request));
    }

    private static string RecreateCommand(ClusterCheckRequest request) =>
        $"recreate secret {request.Namespace}/{request.PullSecret} as kubernetes.io/dockerconfigjson for {request.Image.Registry} (kubectl create secret docker-registry --docker-server={request.Image.Registry}; "
        + $"Deploy applies it itself when given {request.Inputs.RegistryUsername} and {request.Inputs.RegistryPassword})";

    private static async Task<T?> FindAsync<T>(Func<Task<T>> read)
        where T : class
    {
        try
        {
            return await read();
        }
        catch (HttpOperationException exception) when (exception.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private static string ResolutionFix(ClusterFailureKind kind, StageInputNames inputs) => kind switch
    {
        ClusterFailureKind.KubeconfigNotFound => $"pass an existing file as {inputs.Kubeconfig}, or fix or unset KUBECONFIG",
        ClusterFailureKind.ContextNotFound => $"pass one of the kubeconfig's contexts as {inputs.KubeContext}",
        _ => "repair the kubeconfig (kubectl config view shows what it holds)",
    };
}
