namespace Pipeline.Testing.Registries;

/// <summary>One request a <see cref="HostileRegistry"/> or an <see cref="OriginRecorder"/> received.</summary>
/// <param name="Method">GET, HEAD, POST, PUT, ….</param>
/// <param name="PathAndQuery">The path with its query string.</param>
/// <param name="Authorization">The whole Authorization header, or null when the request carried none.</param>
public sealed record ReceivedRequest(string Method, string PathAndQuery, string? Authorization)
{
    /// <summary>"METHOD /path?query", handy in assertions.</summary>
    public override string ToString() => $"{Method} {PathAndQuery}{(Authorization is null ? string.Empty : " (authorized)")}";
}
