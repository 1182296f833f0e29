using System.Collections;

namespace Pipeline.Registry.Local;

/// <summary>
/// The environment of a daemon the build starts (the embedded registry, dockerd through provisioning): it
/// outlives the build, so it gets only what it needs to run, never the build's variables or secrets.
/// </summary>
public static class DaemonEnvironment
{
    /// <summary>The search path daemons and their launchers run with.</summary>
    public const string SearchPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    // Kept from the parent when set: the locale, and the proxies package managers need to download.
    private static readonly string[] Kept = ["LANG", "LC_ALL", "TZ", "http_proxy", "https_proxy", "no_proxy", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY"];

    /// <summary>
    /// Variables for CliWrap's <c>WithEnvironmentVariables</c>: every inherited variable removed (null) except
    /// the locale and proxies, then <paramref name="extra"/> and <c>PATH</c> set.
    /// </summary>
    /// <param name="extra">Variables the daemon needs (e.g. <c>HOME</c>); never pass a secret.</param>
    public static IReadOnlyDictionary<string, string?> Variables(IReadOnlyDictionary<string, string>? extra = null)
    {
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            var name = (string)entry.Key;
            variables[name] = Kept.Contains(name, StringComparer.Ordinal) ? entry.Value as string : null;
        }

        variables["PATH"] = SearchPath;
        foreach (var (name, value) in extra ?? new Dictionary<string, string>())
        {
            variables[name] = value;
        }

        return variables;
    }
}
