using System;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace RunAi.Tests.Certificates;

/// <summary>
/// A private certificate authority made in memory with CertificateRequest, as an internal corporate CA would be.
/// Shared by the client and engine tests (linked into both projects).
/// </summary>
public sealed class TestCertificateAuthority : IDisposable
{
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");
    private readonly RSA _key;

    private TestCertificateAuthority(RSA key, X509Certificate2 certificate)
    {
        _key = key;
        Certificate = certificate;
    }

    /// <summary>The CA's own certificate (with its private key, to sign with).</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The CA certificate as a PEM block, what a CA bundle file holds.</summary>
    public string Pem => Certificate.ExportCertificatePem() + "\n";

    public static TestCertificateAuthority Create(string name)
    {
        var key = RSA.Create(2048);
        var request = CaRequest(name, key);
        var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return new TestCertificateAuthority(key, certificate);
    }

    /// <summary>An intermediate CA whose certificate this CA signs.</summary>
    public TestCertificateAuthority CreateIntermediate(string name)
    {
        var key = RSA.Create(2048);
        var request = CaRequest(name, key);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));
        using var issued = request.Create(Certificate, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddMonths(6), Serial());
        return new TestCertificateAuthority(key, issued.CopyWithPrivateKey(key));
    }

    /// <summary>A TLS server certificate for the given DNS names, signed by this CA, with its private key (ready for Kestrel).</summary>
    public X509Certificate2 IssueServerCertificate(params string[] dnsNames) =>
        IssueServerCertificate(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(30), dnsNames);

    /// <summary>A TLS server certificate valid only from <paramref name="notBefore"/> to <paramref name="notAfter"/>.</summary>
    public X509Certificate2 IssueServerCertificate(DateTimeOffset notBefore, DateTimeOffset notAfter, params string[] dnsNames)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=" + dnsNames[0], key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var name in dnsNames)
        {
            names.AddDnsName(name);
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuthentication], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));
        using var issued = request.Create(Certificate, notBefore, notAfter, Serial());
        using var withKey = issued.CopyWithPrivateKey(key);
        // Through PKCS#12 so the key is a persisted one every platform's TLS stack accepts.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pfx), null);
    }

    private static CertificateRequest CaRequest(string name, RSA key)
    {
        var request = new CertificateRequest($"CN={name}, O=RunAi Tests", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request;
    }

    private static byte[] Serial()
    {
        var serial = new byte[12];
        RandomNumberGenerator.Fill(serial);
        serial[0] &= 0x7F;
        return serial;
    }

    public void Dispose()
    {
        Certificate.Dispose();
        _key.Dispose();
    }
}
