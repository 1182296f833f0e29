using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using k8s;
using k8s.Authentication;
using k8s.Exceptions;
using k8s.KubeConfigModels;
using Pipeline.Registry;

namespace Pipeline.Cluster;

/// <summary>
/// Finds the cluster the way kubectl does: <c>--kubeconfig</c>, else KUBECONFIG, else ~/.kube/config, else the pod's
/// service account. The environment, home directory and service-account paths are injected so tests drive every
/// branch with temporary files.
/// </summary>
public sealed class ClusterResolver
{
    private const string KubeconfigVariable = "KUBECONFIG";
    private const string ServiceHostVariable = "KUBERNETES_SERVICE_HOST";
    private const string ServicePortVariable = "KUBERNETES_SERVICE_PORT";

    private readonly ProcessEnvironment _environment;
    private readonly string? _homeDirectory;
    private readonly InClusterPaths _inClusterPaths;

    /// <summary>Creates a resolver over an explicit environment.</summary>
    /// <param name="environment">Environment variables (KUBECONFIG, KUBERNETES_SERVICE_HOST/PORT).</param>
    /// <param name="homeDirectory">The user's home; null when there is none (then ~/.kube/config is not tried).</param>
    /// <param name="inClusterPaths">Where the service account token, CA and namespace files are.</param>
    public ClusterResolver(ProcessEnvironment environment, string? homeDirectory, InClusterPaths inClusterPaths)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(inClusterPaths);
        _environment = environment;
        _homeDirectory = homeDirectory;
        _inClusterPaths = inClusterPaths;
    }

    /// <summary>A resolver over this process's environment, home directory and the standard service-account paths.</summary>
    public static ClusterResolver ForCurrentProcess()
    {
        var environment = ProcessEnvironment.Current();
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return new ClusterResolver(environment, string.IsNullOrEmpty(home) ? null : home, InClusterPaths.Default);
    }

    /// <summary>
    /// Resolves the cluster. Returns <see cref="ClusterResolution.NotConfigured"/> when nothing points at one; throws
    /// <see cref="ClusterException"/> when something does but cannot be used (a named file is missing, a context is
    /// unknown), because silently skipping then would hide a mistake.
    /// </summary>
    public async Task<ClusterResolution> ResolveAsync(ClusterRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();

        if (!string.IsNullOrWhiteSpace(request.KubeconfigPath))
        {
            var file = new FileInfo(request.KubeconfigPath);
            if (!file.Exists)
            {
                throw new ClusterException(
                    ClusterFailureKind.KubeconfigNotFound,
                    $"The kubeconfig '{file.FullName}' given as {request.Inputs.Kubeconfig} does not exist: pass the path of an existing file.");
            }

            return await FromFilesAsync([file], request, ClusterSource.KubeconfigOption).ConfigureAwait(false);
        }

        var variable = Variable(KubeconfigVariable);
        if (!string.IsNullOrWhiteSpace(variable))
        {
            var listed = variable.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var existing = listed.Select(path => new FileInfo(path)).Where(file => file.Exists).ToArray();
            if (existing.Length == 0)
            {
                throw new ClusterException(
                    ClusterFailureKind.KubeconfigNotFound,
                    $"KUBECONFIG is set to '{variable}' but none of its files exist: fix the variable or unset it.");
            }

            return await FromFilesAsync(existing, request, ClusterSource.KubeconfigEnvironment).ConfigureAwait(false);
        }

        if (_homeDirectory is not null)
        {
            var home = new FileInfo(Path.Combine(_homeDirectory, ".kube", "config"));
            if (home.Exists)
            {
                return await FromFilesAsync([home], request, ClusterSource.HomeKubeconfig).ConfigureAwait(false);
            }
        }

        return InCluster() ?? ClusterResolution.NotConfigured(request.Inputs);
    }

    private static async Task<ClusterResolution> FromFilesAsync(FileInfo[] files, ClusterRequest request, ClusterSource source)
    {
        var names = string.Join(Path.PathSeparator, files.Select(file => file.FullName));
        K8SConfiguration kubeconfig;
        try
        {
            kubeconfig = await KubeconfigMerge.LoadAsync(files).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is KubeConfigException or IOException or YamlDotNet.Core.YamlException)
        {
            throw new ClusterException(
                ClusterFailureKind.InvalidKubeconfig,
                $"The kubeconfig '{names}' cannot be read: {exception.Message}", exception);
        }

        var contextName = string.IsNullOrWhiteSpace(request.Context) ? kubeconfig.CurrentContext : request.Context;
        var known = kubeconfig.Contexts?.Select(entry => entry.Name).ToList() ?? [];
        if (string.IsNullOrWhiteSpace(contextName))
        {
            throw new ClusterException(
                ClusterFailureKind.InvalidKubeconfig,
                $"The kubeconfig '{names}' has no current-context: pass {request.Inputs.KubeContext} (known: {Describe(known)}).");
        }

        if (!known.Contains(contextName, StringComparer.Ordinal))
        {
            throw new ClusterException(
                ClusterFailureKind.ContextNotFound,
                $"The context '{contextName}' is not in the kubeconfig '{names}': use one of {Describe(known)}.");
        }

        try
        {
            var configuration = KubernetesClientConfiguration.BuildConfigFromConfigObject(kubeconfig, contextName);
            return ClusterResolution.Found(configuration, source, $"context '{contextName}' from {names} ({source})");
        }
        catch (KubeConfigException exception)
        {
            throw new ClusterException(
                ClusterFailureKind.InvalidKubeconfig,
                $"The context '{contextName}' in '{names}' cannot be used: {exception.Message}", exception);
        }
    }

    private ClusterResolution? InCluster()
    {
        var host = Variable(ServiceHostVariable);
        var port = Variable(ServicePortVariable);
        if (string.IsNullOrWhiteSpace(host) || string.IsNullOrWhiteSpace(port) || !File.Exists(_inClusterPaths.TokenPath))
        {
            return null;
        }

        // IPv6 service addresses need brackets in a URI.
        var authority = System.Net.IPAddress.TryParse(host, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6
            ? $"[{host}]:{port}"
            : $"{host}:{port}";
        var configuration = new KubernetesClientConfiguration
        {
            Host = $"https://{authority}",
            TokenProvider = new TokenFileAuth(_inClusterPaths.TokenPath),
        };
        if (File.Exists(_inClusterPaths.CaCertificatePath))
        {
            var authorities = new X509Certificate2Collection();
            authorities.ImportFromPemFile(_inClusterPaths.CaCertificatePath);
            configuration.SslCaCerts = authorities;
        }

        if (File.Exists(_inClusterPaths.NamespacePath))
        {
            configuration.Namespace = File.ReadAllText(_inClusterPaths.NamespacePath).Trim();
        }

        return ClusterResolution.Found(
            configuration,
            ClusterSource.InCluster,
            $"in-cluster service account at https://{authority} (token {_inClusterPaths.TokenPath})");
    }

    private string? Variable(string name) => _environment[name];

    private static string Describe(List<string> names) =>
        names.Count == 0 ? "none" : string.Join(", ", names.Select(name => $"'{name}'"));
}
