using Microsoft.Extensions.Logging;
using Pipeline.Engine;
using Pipeline.Manifests;
using Pipeline.Registry;
using Pipeline.RegistryHosting;

namespace Pipeline.Components;

/// <summary>
/// RegistryMirror: a pull-through cache of <c>--mirror-upstream</c> (Docker Hub by default) on Kubernetes, and the
/// node files that send pulls through it (containerd's <c>hosts.toml</c>; for Docker Hub, Docker's
/// <c>daemon.json</c> keys). Everything is written under <c>artifacts/</c> and printed with where it goes; nothing on
/// this machine is changed. With a cluster configured the mirror is deployed like DeployRegistry deploys.
/// </summary>
public interface IRegistryMirror : IHazRegistryHosting
{
    /// <summary>The registry the mirror caches.</summary>
    [Parameter("Upstream registry the mirror caches (Docker Hub unless given), e.g. https://ghcr.io")]
    string MirrorUpstream => Parameter("https://registry-1.docker.io");

    /// <summary>Where container runtimes on the nodes reach the mirror; a port in 30000-32767 becomes the Service's node port.</summary>
    [Parameter("Where the nodes' container runtimes reach the mirror, scheme://host[:port]; a port in 30000-32767 is the Service's node port")]
    string MirrorEndpoint => Parameter("http://127.0.0.1:30500");

    /// <summary>The upstream user (rate limits, private upstreams); with <see cref="MirrorUpstreamPassword"/>.</summary>
    [Parameter("User the mirror logs in to the upstream as (token-auth upstreams: Docker Hub, ghcr.io, Harbor)")]
    string? MirrorUpstreamUsername => Parameter<string?>(null);

    /// <summary>The upstream password or token: set MIRROR_UPSTREAM_PASSWORD, never a command-line flag.</summary>
    [Parameter("Password or token of --mirror-upstream-username"), Secret]
    string? MirrorUpstreamPassword => Parameter<string?>(null);

    /// <summary>Where RegistryMirror writes the mirror's manifests.</summary>
    AbsolutePath MirrorManifestFile => RegistryManifestsDirectory / "registry-mirror.yaml";

    /// <summary>Where RegistryMirror writes the node files, each at its path relative to this folder.</summary>
    AbsolutePath MirrorNodeFilesDirectory => ArtifactsDirectory / "registry-mirror";

    /// <summary>Renders the mirror and its node files, and deploys the mirror when a cluster is configured.</summary>
    Target RegistryMirror => _ => _
        .Description("Render a pull-through cache and the containerd/Docker node files under artifacts/ (changes nothing here); deploy it to a configured cluster")
        .Validates(() =>
        {
            var settings = RegistryMirrorSettings(MirrorSettingsFromInputs());
            InputChecks.Check("--mirror-endpoint", () => RegistryMirrorRenderer.RenderNodeConfiguration(settings));
        })
        .Executes(async cancellationToken =>
        {
            // Every input is checked, and the cluster found, before anything is written.
            var settings = RegistryMirrorSettings(MirrorSettingsFromInputs());
            var nodes = InputChecks.Check("--mirror-endpoint", () => RegistryMirrorRenderer.RenderNodeConfiguration(settings));
            var cluster = await ResolveClusterAsync(cancellationToken);

            var mirror = RegistryMirrorRenderer.Render(settings);
            var rollout = await WriteAndApplyAsync(mirror, MirrorManifestFile, cluster, cancellationToken);
            var written = await nodes.WriteAsync(MirrorNodeFilesDirectory, cancellationToken);
            foreach (var file in written)
            {
                Log.LogInformation("Wrote {File} (goes to {NodePath} on every node)", file.LocalPath, file.NodePath);
            }

            Log.LogInformation("{Instructions}", nodes.Instructions.Text.TrimEnd('\n'));
            Summary.Add("Mirror manifests", MirrorManifestFile);
            Summary.Add("Mirror node files", string.Join(", ", written.Select(file => $"{file.LocalPath} → {file.NodePath}")));
            Summary.Add("Mirror rollout", rollout?.ToString() ?? $"not deployed: {cluster.SkipReason}");
        });

    /// <summary>Settings hook: a CA or skip_verify for an HTTPS mirror, resources, the typed Deployment, without copying the target.</summary>
    RegistryMirrorSettings RegistryMirrorSettings(RegistryMirrorSettings settings) => settings;

    /// <summary>The settings the flags ask for; a bad value fails naming its flag.</summary>
    private RegistryMirrorSettings MirrorSettingsFromInputs()
    {
        var upstream = AbsoluteUrl("--mirror-upstream", MirrorUpstream, "https://ghcr.io");
        var endpoint = AbsoluteUrl("--mirror-endpoint", MirrorEndpoint, "http://10.0.0.5:30500");
        var storage = HostedRegistryStorage();
        // The settings check the upstream before the endpoint: checking the upstream alone first names the right flag.
        InputChecks.Check("--mirror-upstream", () => new RegistryMirrorSettings(upstream, upstream, storage));
        var settings = InputChecks.Check("--mirror-endpoint", () => new RegistryMirrorSettings(upstream, endpoint, storage));
        var nodePort = endpoint.Port is >= 30000 and <= 32767 ? endpoint.Port : (int?)null;
        return settings with
        {
            Namespace = RegistryNamespace,
            Image = RegistryImage,
            NodePort = nodePort,
            UpstreamCredentials = UpstreamCredentials(),
        };
    }

    private RegistryCredentials? UpstreamCredentials()
    {
        var credentials = CredentialPair.Read(
            "--mirror-upstream-username", MirrorUpstreamUsername, "MIRROR_UPSTREAM_PASSWORD", MirrorUpstreamPassword, "for anonymous upstream pulls");
        if (credentials is not null)
        {
            // The mirror sends these to its upstream's token service: every form of them is masked like the password itself.
            MaskCredentials(credentials);
        }

        return credentials;
    }

    private static Uri AbsoluteUrl(string flag, string value, string example) =>
        Uri.TryCreate(value, UriKind.Absolute, out var url)
            ? url
            : throw new ManifestException(ManifestFailureKind.InvalidSetting, $"{flag} '{value}' is not an absolute URL: write scheme://host[:port], e.g. '{example}'");
}
