namespace Pipeline.Registry.Http;

/// <summary>What pinging <c>/v2/</c> found: where the API is and how it wants clients to authenticate.</summary>
/// <param name="BaseUri">The API root, e.g. <c>https://registry.example.com:5000/</c>.</param>
/// <param name="AuthenticationScheme">The challenge scheme (<c>Basic</c>, <c>Bearer</c>) or null when open.</param>
/// <param name="Realm">The realm of the challenge (the token service URL for Bearer), if any.</param>
public sealed record RegistryEndpoint(Uri BaseUri, string? AuthenticationScheme, string? Realm);
