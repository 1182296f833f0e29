namespace Pipeline.Registry.Http;

/// <summary>What the registry says about a manifest: its media type, digest and size in bytes.</summary>
/// <param name="MediaType">The manifest's media type (see <see cref="ManifestMediaTypes"/>).</param>
/// <param name="Digest">The <c>Docker-Content-Digest</c>, the identity a deployment pins.</param>
/// <param name="Size">The manifest's size in bytes.</param>
public sealed record ManifestDescriptor(string MediaType, Digest Digest, long Size);
