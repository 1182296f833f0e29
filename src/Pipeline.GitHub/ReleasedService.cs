using Pipeline.Registry;

namespace Pipeline.GitHub;

/// <summary>One service of a release across services, as its notes list it.</summary>
/// <param name="Name">The service, e.g. <c>payments-api</c>.</param>
/// <param name="Image">Its release image, <c>registry/service:v&lt;release&gt;</c>, with the digest when known.</param>
/// <param name="Shipment">What was done to it, in words: e.g. "built and pushed" or "retagged, no upload", and why.</param>
public sealed record ReleasedService(string Name, ImageReference Image, string Shipment);
