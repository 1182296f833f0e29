namespace Pipeline.Registry.Local;

/// <summary>The registry's <c>auth.token</c> section: where clients get tokens and whose tokens it trusts.</summary>
/// <param name="Realm">The token service URL clients are sent to.</param>
/// <param name="Service">The service name (the JWT <c>aud</c>).</param>
/// <param name="Issuer">The issuer name (the JWT <c>iss</c>).</param>
/// <param name="RootCertificateBundlePath">PEM certificates that sign (or chain to the signer of) tokens.</param>
public sealed record RegistryTokenAuthSettings(Uri Realm, string Service, string Issuer, string RootCertificateBundlePath);
