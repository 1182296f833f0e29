using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Pipeline.Registry;

namespace Pipeline.GitHub;

/// <summary>
/// A GitHub repository as <c>owner/name</c>, the form of <c>GITHUB_REPOSITORY</c>. Comes from that variable or from
/// a git remote (<see cref="FromRemote"/>); compared case-insensitively, as GitHub does.
/// </summary>
public readonly partial record struct GitHubRepositoryName : IParsable<GitHubRepositoryName>
{
    /// <summary>The variable GitHub Actions sets to <c>owner/name</c>.</summary>
    public const string EnvironmentVariable = "GITHUB_REPOSITORY";

    /// <summary>The host of github.com remotes.</summary>
    public const string GitHubDotComHost = "github.com";

    private GitHubRepositoryName(string owner, string name)
    {
        Owner = owner;
        Name = name;
    }

    /// <summary>The user or organisation that owns the repository.</summary>
    public string Owner { get; }

    /// <summary>The repository's name, without <c>.git</c>.</summary>
    public string Name { get; }

    /// <summary>Parses <c>owner/name</c>; throws a <see cref="GitHubException"/> naming the input and the fix.</summary>
    public static GitHubRepositoryName Parse(string s) => Parse(s, provider: null);

    /// <inheritdoc cref="Parse(string)"/>
    public static GitHubRepositoryName Parse(string s, IFormatProvider? provider) =>
        TryParse(s, out var result, out var error)
            ? result
            : throw new GitHubException(GitHubFailureKind.InvalidRepositoryName, error);

    /// <summary>Parses <c>owner/name</c>; false when <paramref name="s"/> is not one.</summary>
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out GitHubRepositoryName result) =>
        TryParse(s, out result, out _);

    /// <inheritdoc cref="TryParse(string?, IFormatProvider?, out GitHubRepositoryName)"/>
    public static bool TryParse([NotNullWhen(true)] string? s, out GitHubRepositoryName result) => TryParse(s, out result, out _);

    /// <summary>
    /// Reads <c>owner/name</c> from a git remote: <c>https://github.com/o/r(.git)</c>, <c>git@github.com:o/r.git</c>
    /// or <c>ssh://git@github.com/o/r.git</c>. <paramref name="gitHubHost"/> is the server's host (GitHub Enterprise).
    /// Credentials in an HTTPS remote never reach the error message.
    /// </summary>
    public static GitHubRepositoryName FromRemote(string remote, string gitHubHost = GitHubDotComHost)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(gitHubHost);
        string reason;
        if (GitHubRemote.TryRead(remote, gitHubHost, out var path, out var unreadable))
        {
            if (TryParse(path, out var result, out reason))
            {
                return result;
            }
        }
        else
        {
            reason = unreadable ?? "it is not a GitHub remote";
        }

        throw new GitHubException(
            GitHubFailureKind.UnrecognizedRemote,
            $"cannot tell the GitHub repository from the git remote '{GitHubRemote.Redact(remote)}': {reason}. "
            + $"Use a remote such as https://{gitHubHost}/owner/name.git or git@{gitHubHost}:owner/name.git, "
            + $"or set {EnvironmentVariable}=owner/name.");
    }

    /// <summary>
    /// The repository of this build: <c>GITHUB_REPOSITORY</c> when set (GitHub Actions), otherwise read from
    /// <paramref name="originRemote"/> on the host of <c>GITHUB_SERVER_URL</c> (github.com when unset).
    /// </summary>
    public static GitHubRepositoryName Resolve(ProcessEnvironment environment, string? originRemote)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment[EnvironmentVariable] is { } declared && !string.IsNullOrWhiteSpace(declared))
        {
            return Parse(declared.Trim());
        }

        if (string.IsNullOrWhiteSpace(originRemote))
        {
            throw new GitHubException(
                GitHubFailureKind.UnrecognizedRemote,
                $"cannot tell the GitHub repository: {EnvironmentVariable} is not set and the git repository has no origin remote. "
                + $"Set {EnvironmentVariable}=owner/name or add an origin remote on GitHub.");
        }

        var host = environment["GITHUB_SERVER_URL"] is { } server
            && Uri.TryCreate(server, UriKind.Absolute, out var serverUri)
            ? serverUri.Host
            : GitHubDotComHost;
        return FromRemote(originRemote, host);
    }

    /// <summary><c>owner/name</c>.</summary>
    public override string ToString() => Owner is null ? string.Empty : $"{Owner}/{Name}";

    /// <summary>Equal when owner and name match ignoring case (GitHub treats them so).</summary>
    public bool Equals(GitHubRepositoryName other) =>
        string.Equals(Owner, other.Owner, StringComparison.OrdinalIgnoreCase)
        && string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override int GetHashCode() =>
        HashCode.Combine(
            Owner is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(Owner),
            Name is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(Name));

    private static bool TryParse(string? s, out GitHubRepositoryName result, out string error)
    {
        result = default;
        var parts = (s ?? string.Empty).Split('/');
        if (parts.Length != 2)
        {
            error = $"'{s}' is not a GitHub repository: write it as owner/name, e.g. octo-org/orders";
            return false;
        }

        var (owner, name) = (parts[0], parts[1]);
        if (!OwnerGrammar().IsMatch(owner))
        {
            error = $"'{s}' has an invalid owner '{owner}': an owner is 1-39 letters, digits, '-' or '_' and starts with a letter or digit";
            return false;
        }

        if (!NameGrammar().IsMatch(name) || name is "." or "..")
        {
            error = $"'{s}' has an invalid repository name '{name}': a name is 1-100 letters, digits, '.', '-' or '_'";
            return false;
        }

        result = new GitHubRepositoryName(owner, name);
        error = string.Empty;
        return true;
    }

    // GitHub logins are alphanumeric with single hyphens; Enterprise managed users add an '_shortcode' suffix.
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,38}\\z")]
    private static partial Regex OwnerGrammar();

    [GeneratedRegex(@"^[A-Za-z0-9._-]{1,100}\z")]
    private static partial Regex NameGrammar();
}
