using Pipeline.Manifests;
using Pipeline.Registry;
using Pipeline.RegistryHosting;

namespace Pipeline.RegistryHosting.Tests;

/// <summary>The registry and mirror the golden files are rendered from.</summary>
internal static class HostingSamples
{
    // A quote and a backslash make sure every escaped form of the password is masked too.
    public const string Password = "s3cret\"pass\\word";
    public const string UpstreamPassword = "hub-token-0123456789";

    public static RegistryCredentials User => new("ci-pusher", Password, CredentialSource.Explicit("test settings"));

    public static RegistryCredentials UpstreamUser => new("hub-reader", UpstreamPassword, CredentialSource.Explicit("test settings"));

    public static RegistryDeploymentSettings Registry => new(User, RegistryStorage.PersistentVolumeClaim("20Gi", "fast-ssd"))
    {
        Ingress = new RegistryIngressSettings("registry.example.com") { ClusterIssuer = DnsLabel.Parse("letsencrypt-prod") },
    };

    public static RegistryMirrorSettings Mirror => new(
        new Uri("https://registry-1.docker.io"), new Uri("http://10.0.0.5:30500"), RegistryStorage.PersistentVolumeClaim("50Gi"))
    {
        UpstreamCredentials = UpstreamUser,
        NodePort = 30500,
    };

    public const string CaPem = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUSample\n-----END CERTIFICATE-----\n";

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);
}
