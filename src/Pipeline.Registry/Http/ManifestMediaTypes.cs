namespace Pipeline.Registry.Http;

/// <summary>The manifest media types the client asks for and understands.</summary>
public static class ManifestMediaTypes
{
    /// <summary>Docker image manifest v2, schema 2.</summary>
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";

    /// <summary>Docker manifest list (multi-platform).</summary>
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";

    /// <summary>OCI image manifest.</summary>
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";

    /// <summary>OCI image index (multi-platform).</summary>
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";

    /// <summary>Docker image config blob.</summary>
    public const string DockerImageConfig = "application/vnd.docker.container.image.v1+json";

    /// <summary>OCI image config blob.</summary>
    public const string OciImageConfig = "application/vnd.oci.image.config.v1+json";

    /// <summary>Docker gzip layer.</summary>
    public const string DockerLayerGzip = "application/vnd.docker.image.rootfs.diff.tar.gzip";

    /// <summary>OCI gzip layer.</summary>
    public const string OciLayerGzip = "application/vnd.oci.image.layer.v1.tar+gzip";

    /// <summary>Every manifest type, in the Accept order the client sends (single-platform first).</summary>
    public static IReadOnlyList<string> All { get; } = [DockerManifest, DockerManifestList, OciManifest, OciIndex];

    /// <summary>True for the multi-platform types (manifest list, OCI index).</summary>
    public static bool IsIndex(string mediaType) => mediaType is DockerManifestList or OciIndex;
}
