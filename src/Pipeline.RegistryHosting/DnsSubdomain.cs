using System.Text.RegularExpressions;

namespace Pipeline.RegistryHosting;

/// <summary>
/// RFC 1123 subdomains (DNS-1123): what Kubernetes accepts for storage class names and Ingress hosts. At most 253
/// characters of dot-separated lower-case labels.
/// </summary>
internal static partial class DnsSubdomain
{
    public static bool IsValid(string value) => value.Length is > 0 and <= 253 && Grammar().IsMatch(value);

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex Grammar();
}
