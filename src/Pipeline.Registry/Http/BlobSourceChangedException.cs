namespace Pipeline.Registry.Http;

/// <summary>
/// A <see cref="BlobContent"/> yielded more or fewer bytes than its length (its file changed after it was
/// measured): a caller's mistake, never retried as a network failure.
/// </summary>
public sealed class BlobSourceChangedException : IOException
{
    /// <summary>Creates the failure for <paramref name="blob"/>.</summary>
    public BlobSourceChangedException(BlobContent blob)
        : base($"the blob {blob?.Digest} did not yield its {blob?.Length} bytes: its source changed after it was measured; write the blob completely before uploading it")
    {
    }

    /// <summary>Creates the failure with a message (serialisation conventions).</summary>
    public BlobSourceChangedException()
        : base("the blob did not yield its length in bytes")
    {
    }

    /// <summary>Creates the failure with a message (serialisation conventions).</summary>
    public BlobSourceChangedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the failure with a message and a cause (serialisation conventions).</summary>
    public BlobSourceChangedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
