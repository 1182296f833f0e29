using Pipeline.Registry;
using Pipeline.Version;

namespace Pipeline.Manifests.Tests;

/// <summary>The sample service the golden file and most tests use.</summary>
internal static class Samples
{
    public const string Revision = "0123456789abcdef0123456789abcdef01234567";
    public const string DigestText = "sha256:4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c";

    public static DnsLabel Artifact => DnsLabel.Parse("orders-api");

    public static RegistryHost Registry => RegistryHost.Parse("127.0.0.1:5000");

    public static ImageReference Image => ImageReference.Parse("127.0.0.1:5000/orders-api:v3.2.1");

    public static ReleaseVersion Release => ReleaseVersion.Parse("3.2.1");

    public static DeploymentSettings Settings => new(Artifact, Image, Release)
    {
        Revision = new GitRevision(Revision),
        PushedDigest = Digest.Parse(DigestText),
        Environment = [new EnvironmentVariable("ASPNETCORE_URLS", "http://+:8080"), new EnvironmentVariable("DOTNET_gcServer", "0")],
    };

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);
}
