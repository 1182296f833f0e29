using Pipeline.Registry;

namespace Pipeline.Manifests;

/// <summary>
/// One <c>auths</c> entry of a pull Secret. <see cref="Credentials"/> prints without the password, so the record's
/// generated <c>ToString</c> is safe to log.
/// </summary>
/// <param name="Server">The key as written in the Secret, e.g. <c>https://registry.example.com:5000/v2/</c>.</param>
/// <param name="Credentials">The user name and password (from <c>auth</c> when present, as the kubelet reads them).</param>
/// <param name="Email">The optional e-mail.</param>
public sealed record PullSecretEntry(string Server, RegistryCredentials Credentials, string? Email);
