// A TEST DOUBLE of the Kubernetes API server, not a Kubernetes implementation: see README.md.
using Pipeline.Registry;
using Pipeline.Registry.Http;

namespace Pipeline.KubeApiServerDouble;

/// <summary>
/// Simulates the container runtime's pull for real: HEADs the manifest on the actual registry with the credentials
/// the pull Secret gave, and words failures the way containerd and Docker do, quoting the registry's answer.
/// </summary>
internal sealed class RegistryImagePuller(RegistryClientOptions options)
{
    public async Task<PullOutcome> PullAsync(string image, RegistryCredentials credentials, CancellationToken cancellationToken)
    {
        if (!ImageReference.TryParse(image, out var reference))
        {
            return PullOutcome.Failure($"failed to pull and unpack image \"{image}\": invalid reference format");
        }

        var prefix = $"failed to pull and unpack image \"{reference}\": failed to resolve reference \"{reference}\"";
        try
        {
            using var client = new RegistryClient(reference.Registry, credentials, options);
            var found = await client.FindAsync(reference, cancellationToken).ConfigureAwait(false);
            return found is null
                ? PullOutcome.Failure($"{prefix}: manifest for {reference} not found: manifest unknown: manifest unknown")
                : PullOutcome.Success;
        }
        catch (RegistryException exception)
        {
            var manifestUrl = $"http://{reference.Registry.ApiAuthority}/v2/{reference.Repository}/manifests/{reference.ManifestReference}";
            var words = exception.Kind switch
            {
                RegistryFailureKind.NoBasicAuthCredentials => "no basic auth credentials",
                RegistryFailureKind.Unauthorized => $"unexpected status from HEAD request to {manifestUrl}: 401 Unauthorized",
                RegistryFailureKind.Denied => $"unexpected status from HEAD request to {manifestUrl}: 403 Forbidden (denied)",
                RegistryFailureKind.ManifestUnknown or RegistryFailureKind.NameUnknown => $"manifest for {reference} not found: manifest unknown: manifest unknown",
                RegistryFailureKind.HttpResponseToHttpsClient => $"Get \"https://{reference.Registry.ApiAuthority}/v2/\": http: server gave HTTP response to HTTPS client",
                RegistryFailureKind.UnknownAuthority => $"Get \"https://{reference.Registry.ApiAuthority}/v2/\": tls: failed to verify certificate: x509: certificate signed by unknown authority",
                RegistryFailureKind.CertificateNameMismatch => $"Get \"https://{reference.Registry.ApiAuthority}/v2/\": tls: failed to verify certificate: x509: certificate is not valid for {reference.Registry.Hostname}",
                RegistryFailureKind.Unreachable => $"dial tcp {reference.Registry.ApiAuthority}: connect: connection refused",
                _ => exception.Message,
            };
            return PullOutcome.Failure($"{prefix}: {words}");
        }
        catch (HttpRequestException exception)
        {
            return PullOutcome.Failure($"{prefix}: {exception.Message}");
        }
    }
}
