using System.Text;

namespace Pipeline.RegistryHosting;

/// <summary>
/// containerd's per-registry <c>hosts.toml</c> (containerd 1.5+ "registry host namespace"): pulls of
/// <c>upstream/…</c> resolve and pull through the mirror first, and fall back to <c>server</c> when it fails.
/// </summary>
internal static class ContainerdHostsToml
{
    public const string CertsDirectory = "/etc/containerd/certs.d";
    public const string CaFileName = "mirror-ca.crt";

    public static string HostDirectory(RegistryMirrorSettings settings) => $"{CertsDirectory}/{settings.UpstreamRegistry}";

    public static string Render(RegistryMirrorSettings settings)
    {
        var mirror = Root(settings.MirrorEndpoint);
        var toml = new StringBuilder()
            .Append("# Rendered by Pipeline: pull ").Append(settings.UpstreamRegistry).Append(" images through the mirror ").Append(mirror).Append('\n')
            .Append("# (containerd falls back to the server below when the mirror cannot answer).\n")
            .Append("server = ").Append(Quote(Root(settings.Upstream))).Append("\n\n")
            .Append("[host.").Append(Quote(mirror)).Append("]\n")
            // No "push": a pull-through cache refuses pushes.
            .Append("  capabilities = [\"pull\", \"resolve\"]\n");
        if (settings.SkipTlsVerify)
        {
            toml.Append("  skip_verify = true\n");
        }

        if (settings.MirrorCaCertificatePem is not null)
        {
            toml.Append("  ca = ").Append(Quote($"{HostDirectory(settings)}/{CaFileName}")).Append('\n');
        }

        return toml.ToString();
    }

    public static string Root(Uri url) => $"{url.Scheme}://{url.Authority}";

    // A TOML basic string: escape backslash and quote (URLs and paths hold nothing else that needs it).
    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
