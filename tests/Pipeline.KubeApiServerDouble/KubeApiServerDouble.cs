// A TEST DOUBLE of the Kubernetes API server, not a Kubernetes implementation: see README.md.
// No kube-apiserver can be installed on our machines (not in Debian, not on the mirrors), so Deploy is tested
// against this double. It implements only the subset Deploy uses and is not conformance-tested.
using System.Net;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Pipeline.KubeApiServerDouble;

/// <summary>
/// A TEST DOUBLE of the Kubernetes API server on 127.0.0.1 (port chosen by the OS), with a simulated deployment
/// controller and kubelet whose image pulls hit the real registry. Start it, point a client at it
/// (<see cref="WriteKubeconfig"/>), dispose it.
/// </summary>
public sealed class KubeApiServerDouble : IAsyncDisposable
{
    private const string ContextName = "pipeline-double";

    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping;
    private readonly Task _simulation;
    private readonly ClusterState _state;
    private readonly ApiHandler _handler;

    private KubeApiServerDouble(WebApplication app, CancellationTokenSource stopping, Task simulation, ClusterState state, ApiHandler handler, Uri uri)
    {
        _app = app;
        _state = state;
        _handler = handler;
        _stopping = stopping;
        _simulation = simulation;
        Uri = uri;
    }

    /// <summary>The base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Uri { get; }

    /// <summary>Starts the server and its simulation loop.</summary>
    public static async Task<KubeApiServerDouble> StartAsync(KubeApiServerDoubleOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new KubeApiServerDoubleOptions();
        var state = new ClusterState(options.TimeProvider);
        var handler = new ApiHandler(state);

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(handler.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var stopping = new CancellationTokenSource();
        var kubelet = new KubeletSimulation(state, new RegistryImagePuller(options.Registry), options, stopping.Token);
        var simulation = Task.Run(() => SimulateAsync(state, kubelet, options, stopping.Token), CancellationToken.None);
        return new KubeApiServerDouble(app, stopping, simulation, state, handler, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>
    /// Writes a kubeconfig whose current context points at this server (plain HTTP, no credentials) and returns
    /// <paramref name="path"/>.
    /// </summary>
    public string WriteKubeconfig(string path, string? defaultNamespace = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var namespaceLine = defaultNamespace is null ? string.Empty : $"\n    namespace: {defaultNamespace}";
        var text = $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: {ContextName}
              cluster:
                server: {Uri.GetLeftPart(UriPartial.Authority)}
            users:
            - name: {ContextName}
              user:
                token: not-a-secret-the-double-ignores-credentials
            contexts:
            - name: {ContextName}
              context:
                cluster: {ContextName}
                user: {ContextName}{namespaceLine}
            current-context: {ContextName}

            """;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>
    /// What the double stores for namespace <paramref name="ns"/>, as <c>Kind/name</c>: the Namespace itself and every
    /// object in it (pods, ReplicaSets and events included), so a test sees what a deploy left behind.
    /// </summary>
    public IReadOnlyList<string> Holds(string ns) => _state.Use(store => store.Holds(ns));

    /// <summary>
    /// Every request the server received, in order, as <c>METHOD /path</c> (e.g. <c>PATCH /apis/apps/v1/namespaces/shop/deployments/web</c>):
    /// what a build in another process applied, and how often.
    /// </summary>
    public IReadOnlyList<string> Requests => _handler.Received;

    /// <summary>A client configuration for this server, without going through a kubeconfig file.</summary>
    public KubernetesClientConfiguration ClientConfiguration() => new() { Host = Uri.GetLeftPart(UriPartial.Authority) };

    /// <summary>Stops the simulation and the server; rethrows a simulation failure so tests see it.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _simulation.ConfigureAwait(false);
        }
        finally
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
            _stopping.Dispose();
        }
    }

    private static async Task SimulateAsync(
        ClusterState state,
        KubeletSimulation kubelet,
        KubeApiServerDoubleOptions options,
        CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            state.Use(store =>
            {
                var now = options.TimeProvider.GetUtcNow().UtcDateTime;
                DeploymentControllerSimulation.Reconcile(store, now);
                kubelet.Reconcile(store, now);
            });
            try
            {
                await Task.Delay(options.Tick, options.TimeProvider, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
