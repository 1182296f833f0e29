// A TEST DOUBLE of the GitHub REST API (a loopback Kestrel server), not GitHub: see GitHubApiDouble.cs.
namespace Pipeline.Testing.GitHub;

/// <summary>A release as the double stores it.</summary>
public sealed class DoubleRelease(long id, string repository, string tagName)
{
    public long Id { get; } = id;

    public string Repository { get; } = repository;

    public string TagName { get; } = tagName;

    public string? Name { get; set; }

    public string? Body { get; set; }

    public string? TargetCommitish { get; set; }

    public bool Prerelease { get; set; }

    public bool Draft { get; set; }

    public List<DoubleAsset> Assets { get; } = [];
}
