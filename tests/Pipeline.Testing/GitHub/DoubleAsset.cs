// A TEST DOUBLE of the GitHub REST API (a loopback Kestrel server), not GitHub: see GitHubApiDouble.cs.
namespace Pipeline.Testing.GitHub;

/// <summary>A release asset as the double stores it, content included.</summary>
public sealed record DoubleAsset(int Id, string Name, string ContentType, byte[] Content);
