namespace Pipeline.Manifests;

/// <summary>
/// Rendering, loading or reading manifests failed in a named way. <see cref="Exception.Message"/> names the input
/// and the fix, and never contains a secret.
/// </summary>
public sealed class ManifestException : Exception
{
    /// <summary>Creates an exception of <paramref name="kind"/>.</summary>
    public ManifestException(ManifestFailureKind kind, string message, Exception? innerException = null)
        : base(message, innerException) => Kind = kind;

    /// <summary>Creates an unnamed failure (kept for serialisation conventions).</summary>
    public ManifestException()
        : this(ManifestFailureKind.Unexpected, "rendering the manifests failed")
    {
    }

    /// <summary>Creates an unnamed failure with <paramref name="message"/>.</summary>
    public ManifestException(string message)
        : this(ManifestFailureKind.Unexpected, message)
    {
    }

    /// <summary>Creates an unnamed failure with <paramref name="message"/> caused by <paramref name="innerException"/>.</summary>
    public ManifestException(string message, Exception innerException)
        : this(ManifestFailureKind.Unexpected, message, innerException)
    {
    }

    /// <summary>Which failure this is, for callers that react differently.</summary>
    public ManifestFailureKind Kind { get; }
}
