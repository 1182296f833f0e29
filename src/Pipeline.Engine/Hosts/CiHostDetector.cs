namespace Pipeline.Engine.Hosts;

/// <summary>Detects the CI host from the environment the build runs with.</summary>
internal static class CiHostDetector
{
    public static CiHost Detect(IReadOnlyDictionary<string, string> environment)
    {
        if (IsTrue(environment, "GITHUB_ACTIONS"))
        {
            return CiHost.GitHubActions;
        }

        if (HasValue(environment, "JENKINS_URL") || HasValue(environment, "JENKINS_HOME"))
        {
            return CiHost.Jenkins;
        }

        return IsTrue(environment, "CI") || HasValue(environment, "TF_BUILD") ? CiHost.GenericCi : CiHost.Local;
    }

    private static bool HasValue(IReadOnlyDictionary<string, string> environment, string name) =>
        environment.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value);

    private static bool IsTrue(IReadOnlyDictionary<string, string> environment, string name) =>
        environment.TryGetValue(name, out var value) && (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value == "1");
}
