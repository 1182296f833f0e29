// A TEST DOUBLE of the GitHub REST API (a loopback Kestrel server), not GitHub: see GitHubApiDouble.cs.
namespace Pipeline.Testing.GitHub;

/// <summary>A deployment as the double stores it, with the statuses reported on it in order.</summary>
public sealed class DoubleDeployment(long id, string repository, string reference, string environment)
{
    public long Id { get; } = id;

    public string Repository { get; } = repository;

    public string Ref { get; } = reference;

    public string Environment { get; } = environment;

    public List<DoubleDeploymentStatus> Statuses { get; } = [];
}
