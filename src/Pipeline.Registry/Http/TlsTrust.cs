using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Pipeline.Registry.Http;

/// <summary>
/// Certificate validation for one registry: the system roots, plus the roots of an optional CA file (a
/// self-signed registry). Validation is never disabled. It remembers why it rejected a certificate, so a failed
/// handshake can be reported as "unknown authority" rather than a generic TLS error.
/// </summary>
internal sealed class TlsTrust
{
    private readonly X509Certificate2Collection _extraRoots;
    private volatile Rejection? _lastRejection;

    public TlsTrust(string? caCertificatePath, RegistryHost registry)
    {
        _extraRoots = [];
        if (caCertificatePath is null)
        {
            return;
        }

        if (!File.Exists(caCertificatePath))
        {
            throw new RegistryException(
                RegistryFailureKind.UnknownAuthority,
                registry,
                $"the CA file '{caCertificatePath}' given to trust {registry} does not exist: pass the path of the registry's PEM CA certificate");
        }

        _extraRoots.ImportFromPemFile(caCertificatePath);
        if (_extraRoots.Count == 0)
        {
            throw new RegistryException(
                RegistryFailureKind.UnknownAuthority,
                registry,
                $"the CA file '{caCertificatePath}' given to trust {registry} holds no PEM certificate: pass a file with -----BEGIN CERTIFICATE-----");
        }
    }

    /// <summary>Why the last certificate was rejected, or null when none was.</summary>
    public Rejection? LastRejection => _lastRejection;

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (errors == SslPolicyErrors.RemoteCertificateChainErrors && certificate is not null && _extraRoots.Count > 0
            && ChainsToExtraRoot(certificate, chain))
        {
            return true;
        }

        _lastRejection = new Rejection(errors, certificate?.Subject ?? "(no certificate)");
        return false;
    }

    private bool ChainsToExtraRoot(X509Certificate certificate, X509Chain? presentedChain)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_extraRoots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presentedChain is not null)
        {
            foreach (var element in presentedChain.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(leaf);
    }

    /// <summary>What was wrong with a rejected certificate.</summary>
    internal sealed record Rejection(SslPolicyErrors Errors, string Subject);
}
