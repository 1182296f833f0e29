namespace Pipeline.Registry.Http;

/// <summary>A manifest's descriptor and its exact bytes (re-pushing the same bytes keeps the digest).</summary>
public sealed class RegistryManifest
{
    /// <summary>Creates a manifest from its descriptor and bytes.</summary>
    public RegistryManifest(ManifestDescriptor descriptor, ReadOnlyMemory<byte> content)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        Descriptor = descriptor;
        Content = content;
    }

    /// <summary>Media type, digest and size.</summary>
    public ManifestDescriptor Descriptor { get; }

    /// <summary>The manifest JSON exactly as the registry stores it.</summary>
    public ReadOnlyMemory<byte> Content { get; }
}
