using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Pipeline.GitHub;

/// <summary>Reads the <c>owner/name</c> path out of the git remote forms GitHub hands out.</summary>
internal static partial class GitHubRemote
{
    internal static bool TryRead(string? remote, string gitHubHost, [NotNullWhen(true)] out string? path, out string? reason)
    {
        path = null;
        if (string.IsNullOrWhiteSpace(remote))
        {
            reason = "the remote is empty";
            return false;
        }

        remote = remote.Trim();
        var scpLike = ScpLikeSyntax().Match(remote);
        string host;
        string rawPath;
        if (scpLike.Success && !remote.Contains("://", StringComparison.Ordinal))
        {
            host = scpLike.Groups["host"].Value;
            rawPath = scpLike.Groups["path"].Value;
        }
        else if (Uri.TryCreate(remote, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" or "ssh" or "git")
        {
            host = uri.Host;
            rawPath = uri.AbsolutePath;
        }
        else
        {
            reason = "it is neither a URL (https://, ssh://) nor scp-like (git@host:owner/name.git)";
            return false;
        }

        if (!string.Equals(host, gitHubHost, StringComparison.OrdinalIgnoreCase))
        {
            reason = $"its host '{host}' is not {gitHubHost}";
            return false;
        }

        var trimmed = rawPath.Trim('/');
        path = trimmed.EndsWith(".git", StringComparison.OrdinalIgnoreCase) ? trimmed[..^4] : trimmed;
        reason = null;
        return true;
    }

    /// <summary>The remote without the user information an HTTPS checkout may carry (a token is a secret).</summary>
    internal static string Redact(string? remote) =>
        string.IsNullOrWhiteSpace(remote) ? string.Empty : HttpUserInfo().Replace(remote.Trim(), "${scheme}");

    [GeneratedRegex(@"^(?<scheme>https?://)[^/]*@", RegexOptions.IgnoreCase)]
    private static partial Regex HttpUserInfo();

    [GeneratedRegex(@"^(?:[^@/:]+@)?(?<host>[^@/:]+):(?<path>[^/].*)$")]
    private static partial Regex ScpLikeSyntax();
}
