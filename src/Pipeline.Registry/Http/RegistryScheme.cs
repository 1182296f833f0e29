namespace Pipeline.Registry.Http;

/// <summary>How the client chooses between HTTPS and plain HTTP.</summary>
public enum RegistryScheme
{
    /// <summary>HTTPS; plain HTTP only for loopback registries that do not speak TLS (as Docker does).</summary>
    Auto,

    /// <summary>HTTPS only, also on loopback.</summary>
    Https,

    /// <summary>Plain HTTP (an insecure registry the user asked for).</summary>
    Http,
}
