namespace Pipeline.Engine;

/// <summary>Where the build runs, detected from the environment; decides grouping, annotations and colours.</summary>
public enum CiHost
{
    /// <summary>A developer machine (no CI variables).</summary>
    Local,

    /// <summary>A CI server that is neither GitHub Actions nor Jenkins (<c>CI</c> is set).</summary>
    GenericCi,

    /// <summary>GitHub Actions (<c>GITHUB_ACTIONS=true</c>).</summary>
    GitHubActions,

    /// <summary>Jenkins (<c>JENKINS_URL</c> or <c>JENKINS_HOME</c> is set).</summary>
    Jenkins,
}
