using System.Text;
using System.Text.Json;
using k8s.Models;
using Pipeline.Registry;
using Pipeline.Registry.Http;
using Pipeline.RegistryHosting;
using Pipeline.Testing.Registries;

namespace Pipeline.RegistryHosting.Tests;

/// <summary>
/// Proof that the rendered mirror works: a real upstream registry (token auth, so anonymous pulls get nothing) and
/// the real docker-registry running the rendered proxy config, with the upstream credentials passed exactly as
/// the rendered Deployment passes them (environment variables from the kept-apart Secret).
/// </summary>
public sealed class RenderedMirrorTests
{
    private const string Repository = "library/busybox";
    private const string Tag = "1.36";

    [Fact]
    public async Task Mirror_ServesTheSameManifestAndLayerAfterTheUpstreamStops()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var ct = timeout.Token;
        await using var upstream = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Token }, ct);
        var seeded = await upstream.SeedImageAsync(Repository, Tag, ct: ct);
        var settings = new RegistryMirrorSettings(upstream.BaseUri, new Uri("http://127.0.0.1:30500"), RegistryStorage.PersistentVolumeClaim("10Gi"))
        {
            UpstreamCredentials = upstream.Credentials,
        };
        var rendered = RegistryMirrorRenderer.Render(settings);
        RegistryConfigRewrite.Read(rendered.RegistryConfigYaml, "proxy", "remoteurl").Should().StartWith(upstream.BaseUri.ToString().TrimEnd('/'));

        await using var mirror = await RegistryServer.StartFromConfigAsync(RegistryConfigRewrite.ConfigFile(rendered.RegistryConfigYaml, htpasswdContent: null, EnvironmentOf(rendered)), ct: ct);
        Digest layer;
        ReadOnlyMemory<byte> layerBytes;
        using (var client = MirrorClient(mirror))
        {
            var manifest = await client.Manifests.GetAsync(Repository, Tag, ct);
            manifest.Descriptor.Digest.Should().Be(seeded);
            layer = FirstLayer(manifest);
            layerBytes = await client.Blobs.GetAsync(Repository, layer, ct);
        }

        // The mirror stores a blob in the background after serving it: wait for it to land before the upstream goes.
        await WaitForStoredBlobAsync(mirror, layer, ct);
        await upstream.StopAsync();

        using var afterUpstreamStopped = MirrorClient(mirror);
        var cached = await afterUpstreamStopped.Manifests.GetAsync(Repository, Tag, ct);
        cached.Descriptor.Digest.Should().Be(seeded);
        FirstLayer(cached).Should().Be(layer);
        var cachedLayer = await afterUpstreamStopped.Blobs.GetAsync(Repository, layer, ct);
        Digest.ComputeSha256(cachedLayer.Span).Should().Be(layer);
        cachedLayer.ToArray().Should().Equal(layerBytes.ToArray());
    }

    [Fact]
    public async Task Mirror_WithoutTheRenderedUpstreamCredentials_CannotPullFromATokenUpstream()
    {
        // The counter-proof: the credentials the Secret carries are what let the mirror in.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var ct = timeout.Token;
        await using var upstream = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Token }, ct);
        await upstream.SeedImageAsync(Repository, Tag, ct: ct);
        var rendered = RegistryMirrorRenderer.Render(
            new RegistryMirrorSettings(upstream.BaseUri, new Uri("http://127.0.0.1:30500"), RegistryStorage.PersistentVolumeClaim("10Gi")));
        rendered.Secrets.Should().BeEmpty();

        await using var mirror = await RegistryServer.StartFromConfigAsync(RegistryConfigRewrite.ConfigFile(rendered.RegistryConfigYaml, htpasswdContent: null, EnvironmentOf(rendered)), ct: ct);
        using var client = MirrorClient(mirror);

        var pull = () => client.Manifests.GetAsync(Repository, Tag, ct);

        // The upstream hands anonymous clients an empty token; the proxy reports the refused fetch as an unknown manifest.
        (await pull.Should().ThrowAsync<RegistryException>()).Which.Kind.Should().Be(RegistryFailureKind.ManifestUnknown);
    }

    [Fact]
    public async Task Mirror_OfABasicAuthUpstream_IsRefusedEvenWithTheRenderedCredentials()
    {
        // Pins the limit UpstreamCredentials documents: registry 2.x hands credentials to token services only.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var ct = timeout.Token;
        await using var upstream = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd }, ct);
        await upstream.SeedImageAsync(Repository, Tag, ct: ct);
        var rendered = RegistryMirrorRenderer.Render(
            new RegistryMirrorSettings(upstream.BaseUri, new Uri("http://127.0.0.1:30500"), RegistryStorage.PersistentVolumeClaim("10Gi"))
            {
                UpstreamCredentials = upstream.Credentials,
            });

        await using var mirror = await RegistryServer.StartFromConfigAsync(RegistryConfigRewrite.ConfigFile(rendered.RegistryConfigYaml, htpasswdContent: null, EnvironmentOf(rendered)), ct: ct);
        using var client = MirrorClient(mirror);

        var pull = () => client.Manifests.GetAsync(Repository, Tag, ct);

        await pull.Should().ThrowAsync<RegistryException>();
    }

    private static RegistryClient MirrorClient(RegistryServer mirror) =>
        new(mirror.Host, RegistryCredentials.Anonymous, new RegistryClientOptions { Scheme = RegistryScheme.Http });

    // What the kubelet does with the rendered env: each secretKeyRef resolved against the kept-apart Secret.
    private static Dictionary<string, string?> EnvironmentOf(HostedRegistry rendered)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var variable in rendered.Deployment.Spec.Template.Spec.Containers.Single().Env ?? [])
        {
            var reference = variable.ValueFrom.SecretKeyRef;
            V1Secret secret = rendered.Secrets.Single(s => s.Metadata.Name == reference.Name);
            environment[variable.Name] = Encoding.UTF8.GetString(secret.Data[reference.Key]);
        }

        return environment;
    }

    private static Digest FirstLayer(RegistryManifest manifest)
    {
        using var json = JsonDocument.Parse(manifest.Content);
        return Digest.Parse(json.RootElement.GetProperty("layers")[0].GetProperty("digest").GetString()!);
    }

    // The filesystem driver's layout (docker/registry/v2/blobs/<algorithm>/<first two hex>/<hex>/data); the file
    // appears only when the background copy commits.
    private static async Task WaitForStoredBlobAsync(RegistryServer mirror, Digest digest, CancellationToken ct)
    {
        var data = Path.Combine(mirror.DataDirectory, "docker", "registry", "v2", "blobs", digest.Algorithm, digest.Hex[..2], digest.Hex, "data");
        while (!File.Exists(data))
        {
            ct.IsCancellationRequested.Should().BeFalse($"the mirror never stored {digest}; its log:\n{mirror.RecentLog}");
            await Task.Delay(50, CancellationToken.None);
        }
    }
}
