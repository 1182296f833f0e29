// A TEST DOUBLE of the GitHub REST API (a loopback Kestrel server), not GitHub: see GitHubApiDouble.cs.
namespace Pipeline.Testing.GitHub;

/// <summary>A deployment status as the double stores it.</summary>
public sealed record DoubleDeploymentStatus(long Id, string State, string? Description, string? EnvironmentUrl, string? LogUrl);
