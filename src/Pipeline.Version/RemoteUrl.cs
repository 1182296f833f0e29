using System.Text.RegularExpressions;

namespace Pipeline.Version;

/// <summary>Turns a git remote string into a URI that is safe to publish (image labels, logs).</summary>
internal static partial class RemoteUrl
{
    internal static Uri? Normalize(string remote)
    {
        if (string.IsNullOrWhiteSpace(remote))
        {
            return null;
        }

        var scpLike = ScpLikeSyntax().Match(remote);
        if (scpLike.Success && !remote.Contains("://", StringComparison.Ordinal))
        {
            remote = $"ssh://{scpLike.Groups["user"].Value}{scpLike.Groups["host"].Value}/{scpLike.Groups["path"].Value}";
        }

        if (!Uri.TryCreate(remote, UriKind.Absolute, out var uri))
        {
            return null;
        }

        // https://user:token@host/... : the token is a secret; ssh's "git@" user name is not.
        if (uri.Scheme is "http" or "https" && uri.UserInfo.Length > 0)
        {
            uri = new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty }.Uri;
        }

        return uri;
    }

    [GeneratedRegex(@"^(?<user>[^@/:]+@)?(?<host>[^@/:]+):(?<path>[^/].*)$")]
    private static partial Regex ScpLikeSyntax();
}
