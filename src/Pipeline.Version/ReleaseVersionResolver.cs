namespace Pipeline.Version;

/// <summary>
/// Decides which version a build releases: the value the user passed (<see cref="StageInputNames.Release"/>),
/// else the release tag on HEAD, else a clear error.
/// </summary>
public sealed class ReleaseVersionResolver
{
    private readonly GitRepository _repository;
    private readonly StageInputNames _inputs;

    /// <summary>Resolves against the given working copy.</summary>
    /// <param name="repository">The working copy whose HEAD may carry the release tag.</param>
    /// <param name="inputs">What the caller calls its release input, for the error that asks for one.</param>
    public ReleaseVersionResolver(GitRepository repository, StageInputNames? inputs = null)
    {
        ArgumentNullException.ThrowIfNull(repository);
        _repository = repository;
        _inputs = inputs ?? StageInputNames.Neutral;
    }

    /// <summary>Returns <paramref name="explicitVersion"/> when given, else the release tag on HEAD.</summary>
    /// <param name="explicitVersion">The release the user gave, already parsed; null when not given.</param>
    /// <param name="cancellationToken">Cancels the git call.</param>
    /// <exception cref="VersionException">Nothing was given and no release tag points at HEAD.</exception>
    public async Task<ReleaseVersion> ResolveAsync(ReleaseVersion? explicitVersion, CancellationToken cancellationToken) =>
        explicitVersion ?? await ResolveFromHeadAsync(cancellationToken);

    private async Task<ReleaseVersion> ResolveFromHeadAsync(CancellationToken cancellationToken)
    {
        var tagged = await _repository.GetReleaseTagOnHeadAsync(cancellationToken);
        return tagged ?? throw new VersionException(
            VersionFailureKind.NoReleaseVersion,
            $"no release version: pass {_inputs.Release} (e.g. 1.2.3) or tag HEAD with v1.2.3 "
            + $"(no release tag points at HEAD in {_repository.WorkingDirectory}).");
    }
}
