using System.Text.RegularExpressions;
using Pipeline.Registry;

namespace Pipeline.Cluster;

/// <summary>
/// Turns a kubelet message (a waiting reason's message or an event) into one suggestion, like Skaffold's status check.
/// The message carries the registry's own words (containerd and Docker quote the registry's answer).
/// </summary>
internal static partial class FailureHints
{
    public static string? For(string? reason, string? message, string? image, string ns)
    {
        var text = message ?? string.Empty;
        var target = ImageTarget.Of(image);

        if (MissingSecrets().Match(text) is { Success: true } missing)
        {
            return $"the Secret {missing.Groups["names"].Value} is not in namespace {ns}: apply the pull Secret before the " +
                "Deployment (Deploy applies it when registry credentials are given) or correct imagePullSecrets";
        }

        // The registry's own words, named once by the registry package; the fix here is the nodes', not this machine's.
        var hint = RegistryFailureText.Classify(text) switch
        {
            RegistryFailureKind.HttpResponseToHttpsClient =>
                $"the registry {target.Registry} speaks HTTP: add it to the nodes' insecure registries " +
                "(daemon.json insecure-registries / containerd hosts.toml)",
            RegistryFailureKind.UnknownAuthority =>
                $"the nodes do not trust {target.Registry}'s TLS certificate: put its CA at {RegistryFixes.DockerCertificatesDirectory}/{target.Registry}/ca.crt " +
                $"(Docker) or /etc/containerd/certs.d/{target.Registry}/ with a hosts.toml naming the CA (containerd)",
            RegistryFailureKind.NoBasicAuthCredentials or RegistryFailureKind.Unauthorized =>
                $"the pull Secret's credentials were refused by {target.Registry} (or it holds none for {target.Registry}): " +
                "check the user name and password the Secret was made from and that its .dockerconfigjson has an entry for that host",
            RegistryFailureKind.Denied =>
                $"{target.Registry} denied access to {target.Repository}: the pull Secret's user needs read access to that repository",
            RegistryFailureKind.ManifestUnknown => TagMissing(target),
            _ when image is not null && Contains(text, image) && Contains(text, "not found") => TagMissing(target),
            RegistryFailureKind.Unreachable =>
                $"the nodes cannot reach {target.Registry}: check the registry address in the image and that the registry is listening",
            _ => null,
        };
        if (hint is not null)
        {
            return hint;
        }

        return reason switch
        {
            "CrashLoopBackOff" => "the container keeps exiting: its last log lines say why (kubectl logs --previous)",
            "InvalidImageName" => $"the image reference '{image}' is not valid: check the registry, repository and tag",
            "CreateContainerConfigError" => "a Secret or ConfigMap the container refers to is missing from the namespace",
            "NotReady" => "the container runs but never becomes ready: check its readiness probe (path, port) and the app's log",
            "Unhealthy" => "a probe fails: check the probe's path and port against what the app serves",
            _ => null,
        };
    }

    private static string TagMissing(ImageTarget target) => $"the tag {target.Tag} is not in {target.Repository}: was Push skipped?";

    private static bool Contains(string text, string value) => text.Contains(value, StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"Unable to retrieve some image pull secrets \((?<names>[^)]*)\)", RegexOptions.CultureInvariant)]
    private static partial Regex MissingSecrets();

    /// <summary>The parts of an image a hint names; falls back to the raw text when the reference does not parse.</summary>
    private readonly record struct ImageTarget(string Registry, string Repository, string Tag)
    {
        public static ImageTarget Of(string? image) =>
            ImageReference.TryParse(image, out var reference)
                ? new ImageTarget(reference.Registry.ToString(), reference.Name, reference.Tag ?? reference.ManifestReference)
                : new ImageTarget("the registry", image ?? "the image", "(unknown)");
    }
}
