namespace Pipeline.Registry.Http;

/// <summary>The registry API resource an operation touches.</summary>
internal enum RegistryResource
{
    Ping,
    Catalog,
    Tags,
    Manifest,
    ManifestDelete,
    Blob,
    BlobUpload,
}
