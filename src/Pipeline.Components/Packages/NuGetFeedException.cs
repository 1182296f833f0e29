namespace Pipeline.Components.Packages;

/// <summary>A push to a NuGet feed failed; the message names the feed, the package and the fix, never the API key.</summary>
public sealed class NuGetFeedException : Exception
{
    /// <summary>Creates a failure of <paramref name="kind"/>.</summary>
    public NuGetFeedException(NuGetFeedFailureKind kind, string message, Exception? innerException = null)
        : base(message, innerException) => Kind = kind;

    /// <summary>Creates an unnamed failure (kept for serialisation conventions).</summary>
    public NuGetFeedException()
        : this(NuGetFeedFailureKind.Rejected, "the NuGet feed refused the request")
    {
    }

    /// <summary>Creates an unnamed failure with <paramref name="message"/>.</summary>
    public NuGetFeedException(string message)
        : this(NuGetFeedFailureKind.Rejected, message)
    {
    }

    /// <summary>Creates an unnamed failure with <paramref name="message"/> caused by <paramref name="innerException"/>.</summary>
    public NuGetFeedException(string message, Exception innerException)
        : this(NuGetFeedFailureKind.Rejected, message, innerException)
    {
    }

    /// <summary>Which failure this is.</summary>
    public NuGetFeedFailureKind Kind { get; }
}
