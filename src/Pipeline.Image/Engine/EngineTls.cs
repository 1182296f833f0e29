using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Pipeline.Registry;

namespace Pipeline.Image;

/// <summary>
/// TLS to a remote engine as the docker CLI does it: <c>DOCKER_TLS_VERIFY</c> set turns it on, and
/// <c>DOCKER_CERT_PATH</c> (default <c>~/.docker</c>) holds <c>ca.pem</c> (the only authority trusted for the
/// engine), and <c>cert.pem</c> / <c>key.pem</c> (this client's certificate, which the engine requires).
/// </summary>
public sealed class EngineTls
{
    private EngineTls(string certificateDirectory, X509Certificate2 authority, X509Certificate2 clientCertificate)
    {
        CertificateDirectory = certificateDirectory;
        Authority = authority;
        ClientCertificate = clientCertificate;
    }

    /// <summary>Where ca.pem, cert.pem and key.pem were read.</summary>
    public string CertificateDirectory { get; }

    /// <summary>The authority the engine's certificate must chain to.</summary>
    public X509Certificate2 Authority { get; }

    /// <summary>This client's certificate, with its private key.</summary>
    public X509Certificate2 ClientCertificate { get; }

    /// <summary>The TLS settings <paramref name="environment"/> asks for; null when DOCKER_TLS_VERIFY is unset.</summary>
    /// <exception cref="ContainerEngineUnavailableException">TLS is asked for but a certificate file is missing or unreadable.</exception>
    public static EngineTls? Resolve(Uri endpoint, ProcessEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(environment);
        if (string.IsNullOrEmpty(environment["DOCKER_TLS_VERIFY"]))
        {
            return null;
        }

        var directory = environment["DOCKER_CERT_PATH"] is { Length: > 0 } path
            ? path
            : Path.Combine(environment["HOME"] ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker");
        string[] files = ["ca.pem", "cert.pem", "key.pem"];
        var missing = files.Where(file => !File.Exists(Path.Combine(directory, file))).ToList();
        if (missing.Count > 0)
        {
            throw new ContainerEngineUnavailableException(ContainerEngineFailureKind.UnsupportedEndpoint, endpoint,
                $"DOCKER_TLS_VERIFY is set but {string.Join(", ", missing)} {(missing.Count == 1 ? "is" : "are")} missing from {directory}: "
                + "put the engine's CA and this client's certificate and key there, or set DOCKER_CERT_PATH to the folder that holds them.");
        }

        try
        {
            return new EngineTls(
                directory,
                X509CertificateLoader.LoadCertificateFromFile(Path.Combine(directory, "ca.pem")),
                X509Certificate2.CreateFromPemFile(Path.Combine(directory, "cert.pem"), Path.Combine(directory, "key.pem")));
        }
        catch (System.Security.Cryptography.CryptographicException exception)
        {
            throw new ContainerEngineUnavailableException(ContainerEngineFailureKind.UnsupportedEndpoint, endpoint,
                $"the TLS files in {directory} cannot be read ({exception.Message}): ca.pem, cert.pem and key.pem must be PEM files, the key unencrypted.",
                exception);
        }
    }

    /// <summary>Accepts the engine's certificate only when it is valid for the host and chains to <see cref="Authority"/>.</summary>
    public bool ValidateServer(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }

        // Only ca.pem is trusted, not the system's roots: the engine's authority is the deployment's own.
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.Add(Authority);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements)
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        using var presented = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return custom.Build(presented);
    }
}
