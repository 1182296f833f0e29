using Pipeline.Registry;

namespace Pipeline.Image;

/// <summary>What the registry holds under a release tag, as <see cref="ReleaseGuard"/> found it.</summary>
/// <param name="State">Absent, the same content, or other content.</param>
/// <param name="Digest">The manifest digest the tag resolves to, when present.</param>
public sealed record ExistingRelease(ExistingReleaseState State, Digest? Digest)
{
    /// <summary>True when the registry already holds exactly what would be built.</summary>
    public bool IsSameContent => State == ExistingReleaseState.SameContent;
}

/// <summary>The three answers of <see cref="ReleaseGuard"/>'s check.</summary>
public enum ExistingReleaseState
{
    /// <summary>The tag is not in the registry.</summary>
    Absent,

    /// <summary>The tag holds an image with the same fingerprint.</summary>
    SameContent,

    /// <summary>The tag holds an image built from other inputs.</summary>
    OtherContent,
}
