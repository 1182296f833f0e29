namespace Pipeline.Testing.Registries;

/// <summary>How a test registry authenticates clients.</summary>
public enum RegistryAuthMode
{
    /// <summary>Open: anyone may pull and push.</summary>
    None,

    /// <summary>HTTP Basic against a bcrypt htpasswd file.</summary>
    Htpasswd,

    /// <summary>Bearer tokens from a loopback token issuer (JWT signed with an x5c chain).</summary>
    Token,
}
