using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Pipeline.Testing.Registries;

/// <summary>
/// A throw-away certificate authority generated in-process: a TLS server certificate for a test registry and a
/// signing certificate for registry tokens. ECDSA P-256 keeps generation fast.
/// </summary>
public sealed class TestCertificateAuthority : IDisposable
{
    private readonly ECDsa _key;

    private TestCertificateAuthority(ECDsa key, X509Certificate2 certificate)
    {
        _key = key;
        Certificate = certificate;
    }

    /// <summary>The CA certificate (with its private key).</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Creates a CA named <paramref name="commonName"/>, valid from an hour ago for a day.</summary>
    public static TestCertificateAuthority Create(string commonName)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        var now = DateTimeOffset.UtcNow;
        var certificate = request.CreateSelfSigned(now.AddHours(-1), now.AddDays(1));
        return new TestCertificateAuthority(key, certificate);
    }

    /// <summary>A TLS server certificate for <c>127.0.0.1</c>, <c>::1</c> and <c>localhost</c>.</summary>
    public X509Certificate2 IssueServerCertificate(string commonName = "localhost")
    {
        var sans = new SubjectAlternativeNameBuilder();
        sans.AddDnsName("localhost");
        sans.AddIpAddress(IPAddress.Loopback);
        sans.AddIpAddress(IPAddress.IPv6Loopback);
        return Issue(commonName, sans.Build(), new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") });
    }

    /// <summary>A TLS client certificate (a docker CLI's cert.pem for an engine that verifies its clients).</summary>
    public X509Certificate2 IssueClientCertificate(string commonName = "client") =>
        Issue(commonName, sans: null, new OidCollection { new Oid("1.3.6.1.5.5.7.3.2") });

    /// <summary>A certificate whose key signs registry tokens (put in the JWT header's <c>x5c</c>).</summary>
    public X509Certificate2 IssueSigningCertificate(string commonName = "token-signer") => Issue(commonName, sans: null, usages: null);

    /// <summary>PEM of a certificate.</summary>
    public static string CertificatePem(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return certificate.ExportCertificatePem() + "\n";
    }

    /// <summary>PKCS#8 PEM of a certificate's ECDSA private key.</summary>
    public static string PrivateKeyPem(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using var key = certificate.GetECDsaPrivateKey() ?? throw new InvalidOperationException($"{certificate.Subject} has no ECDSA private key");
        return key.ExportPkcs8PrivateKeyPem() + "\n";
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Certificate.Dispose();
        _key.Dispose();
    }

    private X509Certificate2 Issue(string commonName, X509Extension? sans, OidCollection? usages)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        if (sans is not null)
        {
            request.CertificateExtensions.Add(sans);
        }

        if (usages is not null)
        {
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(usages, critical: false));
        }

        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        var now = DateTimeOffset.UtcNow;
        using var issued = request.Create(Certificate, now.AddMinutes(-30), now.AddHours(23), serial);
        return issued.CopyWithPrivateKey(key);
    }
}
