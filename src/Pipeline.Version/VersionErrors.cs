namespace Pipeline.Version;

/// <summary>What went wrong while working out the release version.</summary>
public enum VersionFailureKind
{
    /// <summary>A value was given but is not a release version a Docker tag can hold.</summary>
    InvalidVersion,

    /// <summary>No explicit version was passed and HEAD carries no release tag.</summary>
    NoReleaseVersion,

    /// <summary>The git executable could not be started.</summary>
    GitUnavailable,

    /// <summary>git ran but refused the command (not a repository, no commits, …).</summary>
    GitFailed,
}

/// <summary>A release version could not be parsed or resolved; the message names the input and the fix.</summary>
public sealed class VersionException : Exception
{
    /// <summary>Creates the exception with a machine-readable kind.</summary>
    public VersionException(VersionFailureKind kind, string message, Exception? innerException = null)
        : base(message, innerException) => Kind = kind;

    /// <summary>Creates an exception of kind <see cref="VersionFailureKind.GitFailed"/>.</summary>
    public VersionException() : this(VersionFailureKind.GitFailed, "version resolution failed") { }

    /// <summary>Creates an exception of kind <see cref="VersionFailureKind.GitFailed"/>.</summary>
    public VersionException(string message) : this(VersionFailureKind.GitFailed, message) { }

    /// <summary>Creates an exception of kind <see cref="VersionFailureKind.GitFailed"/>.</summary>
    public VersionException(string message, Exception innerException)
        : this(VersionFailureKind.GitFailed, message, innerException) { }

    /// <summary>The machine-readable cause.</summary>
    public VersionFailureKind Kind { get; }
}
