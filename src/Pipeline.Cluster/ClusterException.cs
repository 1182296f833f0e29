namespace Pipeline.Cluster;

/// <summary>
/// A cluster operation failed in a named way. <see cref="Exception.Message"/> names the input and the fix and never
/// contains a secret.
/// </summary>
public class ClusterException : Exception
{
    /// <summary>Creates an exception of <paramref name="kind"/>.</summary>
    public ClusterException(ClusterFailureKind kind, string message, Exception? innerException = null)
        : base(message, innerException) => Kind = kind;

    /// <summary>Creates an unnamed failure (kept for serialisation conventions).</summary>
    public ClusterException()
    {
    }

    /// <summary>Creates an unnamed failure with <paramref name="message"/>.</summary>
    public ClusterException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an unnamed failure with <paramref name="message"/> caused by <paramref name="innerException"/>.</summary>
    public ClusterException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Which failure this is, for callers that react differently.</summary>
    public ClusterFailureKind Kind { get; }
}
