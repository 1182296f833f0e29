// A TEST DOUBLE of the GitHub REST API (a loopback Kestrel server), not GitHub: see GitHubApiDouble.cs.
namespace Pipeline.GitHub.Tests.Double;

/// <summary>A deployment status as the double stores it.</summary>
internal sealed record DoubleDeploymentStatus(long Id, string State, string? Description, string? EnvironmentUrl, string? LogUrl);
