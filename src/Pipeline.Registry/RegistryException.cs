namespace Pipeline.Registry;

/// <summary>
/// A registry operation failed in a named way. <see cref="Exception.Message"/> names the registry and the fix,
/// and never contains a secret.
/// </summary>
public sealed class RegistryException : Exception
{
    /// <summary>Creates an exception of <paramref name="kind"/> about <paramref name="registry"/>.</summary>
    public RegistryException(RegistryFailureKind kind, RegistryHost registry, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        Registry = registry;
        Problem = message;
    }

    /// <summary>Creates an exception of <paramref name="kind"/> whose message is <paramref name="problem"/>, then <paramref name="fix"/>.</summary>
    public RegistryException(RegistryFailureKind kind, RegistryHost registry, string problem, string fix, Exception? innerException = null)
        : base($"{problem}: {fix}", innerException)
    {
        Kind = kind;
        Registry = registry;
        Problem = problem;
        Fix = fix;
    }

    /// <summary>Creates an unnamed failure (kept for serialisation conventions).</summary>
    public RegistryException()
        : this(RegistryFailureKind.Unexpected, RegistryHost.DockerHub, "the registry operation failed")
    {
    }

    /// <summary>Creates an unnamed failure with <paramref name="message"/>.</summary>
    public RegistryException(string message)
        : this(RegistryFailureKind.Unexpected, RegistryHost.DockerHub, message)
    {
    }

    /// <summary>Creates an unnamed failure with <paramref name="message"/> caused by <paramref name="innerException"/>.</summary>
    public RegistryException(string message, Exception innerException)
        : this(RegistryFailureKind.Unexpected, RegistryHost.DockerHub, message, innerException)
    {
    }

    /// <summary>Which failure this is, for callers that react differently (e.g. fall back, or suggest a fix).</summary>
    public RegistryFailureKind Kind { get; }

    /// <summary>The registry that failed.</summary>
    public RegistryHost Registry { get; }

    /// <summary>What failed, without the fix (the whole message when the fix is part of it).</summary>
    public string Problem { get; }

    /// <summary>The fix (<see cref="RegistryFixes"/>), when the message ends with it; shown apart by the Doctor.</summary>
    public string? Fix { get; }
}
