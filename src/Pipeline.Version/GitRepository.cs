using System.ComponentModel;
using System.Text;
using CliWrap;
using CliWrap.Buffered;

namespace Pipeline.Version;

/// <summary>
/// Reads what a build needs from a git working copy (revision, release tag on HEAD, origin URL) by running
/// <c>git</c> with an argument list: no shell, nothing interpolated into a command line.
/// </summary>
public sealed class GitRepository
{
    private readonly string _gitExecutable;

    /// <summary>Points at a working copy (any folder inside it).</summary>
    /// <param name="workingDirectory">A folder inside the repository.</param>
    /// <param name="gitExecutable">The git executable; <c>git</c> from PATH by default.</param>
    public GitRepository(string workingDirectory, string gitExecutable = "git")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workingDirectory);
        ArgumentException.ThrowIfNullOrWhiteSpace(gitExecutable);
        WorkingDirectory = Path.GetFullPath(workingDirectory);
        _gitExecutable = gitExecutable;
    }

    /// <summary>The folder git runs in.</summary>
    public string WorkingDirectory { get; }

    /// <summary>
    /// The commit HEAD points at and when it was committed, in one call to git. The commit time is the
    /// reproducible "created" time of what is built from it (the convention behind <c>SOURCE_DATE_EPOCH</c>), so
    /// the same commit builds the same image metadata.
    /// </summary>
    public async Task<GitCommit> GetHeadCommitAsync(CancellationToken cancellationToken)
    {
        var output = await RunAsync(["log", "-1", "--format=%H %ct", "HEAD"], cancellationToken);
        var fields = output.Trim().Split(' ');
        if (fields.Length != 2 || !long.TryParse(fields[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
        {
            throw new VersionException(VersionFailureKind.GitFailed, $"'git log' in {WorkingDirectory} printed '{output.Trim()}', not a commit id and time: check the git installation.");
        }

        return new GitCommit(new GitRevision(fields[0]), DateTimeOffset.FromUnixTimeSeconds(seconds));
    }

    /// <summary>
    /// The highest release version among the tags on HEAD (<c>git tag --points-at HEAD</c>), such as
    /// <c>v1.2.3</c>; tags that are not release versions are ignored. Null when there is none.
    /// </summary>
    public async Task<ReleaseVersion?> GetReleaseTagOnHeadAsync(CancellationToken cancellationToken)
    {
        var output = await RunAsync(["tag", "--points-at", "HEAD"], cancellationToken);
        var versions = output
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(tag => ReleaseVersion.TryParse(tag, out var version) ? version : (ReleaseVersion?)null)
            .OfType<ReleaseVersion>()
            .ToList();
        return versions.Count == 0 ? null : versions.Max();
    }

    /// <summary>
    /// The URL of the <c>origin</c> remote, or null when there is none. Credentials embedded in an HTTPS URL
    /// (CI checkouts put tokens there) are removed; scp-like <c>git@host:org/repo.git</c> becomes
    /// <c>ssh://git@host/org/repo.git</c>.
    /// </summary>
    public async Task<Uri?> GetOriginUrlAsync(CancellationToken cancellationToken)
    {
        var result = await ExecuteAsync(["config", "--get", "remote.origin.url"], cancellationToken);
        // git config exits 1 when the key is not set: that is "no origin", not a failure.
        if (result.ExitCode == 1 && string.IsNullOrWhiteSpace(result.StandardOutput))
        {
            return null;
        }

        EnsureSucceeded(result, ["config", "--get", "remote.origin.url"]);
        return RemoteUrl.Normalize(result.StandardOutput.Trim());
    }

    private async Task<string> RunAsync(string[] arguments, CancellationToken cancellationToken)
    {
        var result = await ExecuteAsync(arguments, cancellationToken);
        EnsureSucceeded(result, arguments);
        return result.StandardOutput;
    }

    private void EnsureSucceeded(BufferedCommandResult result, string[] arguments)
    {
        if (result.ExitCode != 0)
        {
            throw new VersionException(
                VersionFailureKind.GitFailed,
                $"'git {string.Join(' ', arguments)}' failed in {WorkingDirectory} (exit {result.ExitCode}): "
                + $"{result.StandardError.Trim()}. Run the build inside a git clone with at least one commit.");
        }
    }

    private async Task<BufferedCommandResult> ExecuteAsync(string[] arguments, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(WorkingDirectory))
        {
            throw new VersionException(
                VersionFailureKind.GitFailed,
                $"'{WorkingDirectory}' does not exist: point the build at the folder of its git clone.");
        }

        try
        {
            return await Cli.Wrap(_gitExecutable)
                .WithArguments(arguments)
                .WithWorkingDirectory(WorkingDirectory)
                // Never prompt for credentials or a pager: a build has no terminal to answer them.
                .WithEnvironmentVariables(env => env.Set("GIT_TERMINAL_PROMPT", "0").Set("GIT_PAGER", "cat"))
                .WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync(Encoding.UTF8, cancellationToken);
        }
        catch (Win32Exception exception)
        {
            throw new VersionException(
                VersionFailureKind.GitUnavailable,
                $"could not start '{_gitExecutable}': {exception.Message}. Install git or put it on PATH.",
                exception);
        }
    }
}
