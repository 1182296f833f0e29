namespace Pipeline.Image;

/// <summary>Annotation keys from the OCI image spec (annotations.md) used as image labels.</summary>
public static class OciLabels
{
    /// <summary>When the image was built (RFC 3339).</summary>
    public const string Created = "org.opencontainers.image.created";

    /// <summary>The release version of the packaged software.</summary>
    public const string Version = "org.opencontainers.image.version";

    /// <summary>The source control revision.</summary>
    public const string Revision = "org.opencontainers.image.revision";

    /// <summary>Where the source code lives.</summary>
    public const string Source = "org.opencontainers.image.source";

    /// <summary>The base image the build started from.</summary>
    public const string BaseName = "org.opencontainers.image.base.name";
}
