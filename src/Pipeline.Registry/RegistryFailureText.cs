using System.Text.RegularExpressions;

namespace Pipeline.Registry;

/// <summary>
/// Names a registry failure from the words a container engine or a kubelet quotes from the registry (docker push's
/// in-band error, an ErrImagePull event), so the push stage and the rollout diagnosis read one list of phrases.
/// </summary>
public static partial class RegistryFailureText
{
    /// <summary>The failure <paramref name="text"/> reports, or null when it names none of them.</summary>
    public static RegistryFailureKind? Classify(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return text switch
        {
            _ when Has(text, "server gave HTTP response to HTTPS client") => RegistryFailureKind.HttpResponseToHttpsClient,
            _ when Has(text, "x509") || Has(text, "certificate signed by unknown authority") => RegistryFailureKind.UnknownAuthority,
            _ when Has(text, "no basic auth credentials") => RegistryFailureKind.NoBasicAuthCredentials,
            _ when Has(text, "unauthorized") || Has(text, "authentication required") || StatusUnauthorized().IsMatch(text) => RegistryFailureKind.Unauthorized,
            _ when Has(text, "denied") || Has(text, "403 Forbidden") => RegistryFailureKind.Denied,
            _ when Has(text, "manifest unknown") => RegistryFailureKind.ManifestUnknown,
            _ when Has(text, "connection refused") || Has(text, "no such host") || Has(text, "i/o timeout") || Has(text, "dial tcp") => RegistryFailureKind.Unreachable,
            _ => null,
        };
    }

    private static bool Has(string text, string fragment) => text.Contains(fragment, StringComparison.OrdinalIgnoreCase);

    // "401" as an HTTP status, not the digits of a port such as 127.0.0.1:40113.
    [GeneratedRegex(@"(?<![:\d])401(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex StatusUnauthorized();
}
