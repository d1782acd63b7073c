using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace RunAi.Client.Http
{
    /// <summary>
    /// CA certificates read from a PEM file (one or more <c>BEGIN CERTIFICATE</c> blocks, or a single DER certificate),
    /// trusted for one session in addition to the system's roots: what curl calls <c>--cacert</c> and kubectl
    /// <c>certificate-authority</c>.
    /// </summary>
    /// <remarks>
    /// The client targets netstandard2.0, which has no custom trust store, so the check is done in the certificate
    /// callback on every runtime (.NET Framework included): a chain the system already trusts passes; otherwise the
    /// chain is built again with the bundle as extra certificates and must reach one of them with no other fault.
    /// A host name that does not match always fails.
    /// </remarks>
    public sealed class CertificateAuthorityBundle
    {
        private const string BeginMarker = "-----BEGIN CERTIFICATE-----";
        private const string EndMarker = "-----END CERTIFICATE-----";
        private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";

        // A bundle of every public CA is a few hundred KB; anything far larger is the wrong file.
        private const long MaxFileBytes = 16L * 1024 * 1024;

        private readonly X509Certificate2[] _certificates;

        private CertificateAuthorityBundle(string path, X509Certificate2[] certificates)
        {
            Path = path;
            _certificates = certificates;
        }

        /// <summary>The full path of the file the certificates were read from.</summary>
        public string Path { get; }

        /// <summary>The certificates of the bundle, in file order.</summary>
        public IReadOnlyList<X509Certificate2> Certificates => _certificates;

        /// <summary>
        /// Reads a bundle. Throws <see cref="IOException"/> (missing or unreadable file),
        /// <see cref="UnauthorizedAccessException"/>, or <see cref="InvalidDataException"/> when the file holds no
        /// certificate or a block that is not one; the message names the file.
        /// </summary>
        public static CertificateAuthorityBundle Load(string path)
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                throw new ArgumentException("The certificate authority path is empty.", nameof(path));
            }

            var full = System.IO.Path.GetFullPath(path);
            var info = new FileInfo(full);
            if (!info.Exists)
            {
                throw new FileNotFoundException($"The certificate authority file '{full}' does not exist.", full);
            }

            if (info.Length > MaxFileBytes)
            {
                throw new InvalidDataException($"'{full}' is {info.Length} bytes: too large for a CA certificate bundle.");
            }

            var bytes = File.ReadAllBytes(full);
            return new CertificateAuthorityBundle(full, Parse(full, bytes));
        }

        /// <summary>A short description of the bundle for -Verbose: how many certificates, and whose.</summary>
        public override string ToString() =>
            $"{_certificates.Length} certificate(s) from {Path}: " + string.Join("; ", _certificates.Select(c => c.Subject));

        /// <summary>The certificate callback of the primary handler.</summary>
        internal bool Validate(HttpRequestMessage request, X509Certificate2? certificate, X509Chain? chain, SslPolicyErrors errors)
        {
            var rejection = Check(certificate, errors, request?.RequestUri?.Host ?? "the server");
            if (rejection is null)
            {
                return true;
            }

            if (request != null)
            {
                RequestState.Of(request).CertificateRejection = rejection;
            }

            return false;
        }

        /// <summary>Null when the certificate is trusted; otherwise why not, in words for the error message.</summary>
        internal string? Check(X509Certificate2? certificate, SslPolicyErrors errors, string host)
        {
            if (errors == SslPolicyErrors.None)
            {
                return null;
            }

            if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
            {
                return "the server sent no certificate";
            }

            if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
            {
                // The bundle vouches for issuers, never for a certificate made out to another name.
                return $"the server's certificate ({certificate.Subject}) is not valid for the host name '{host}'";
            }

            using (var custom = new X509Chain())
            {
                // As the system's check does by default (HttpClientHandler.CheckCertificateRevocationList is off).
                custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                custom.ChainPolicy.VerificationFlags = X509VerificationFlags.AllowUnknownCertificateAuthority;
                custom.ChainPolicy.ApplicationPolicy.Add(new Oid(ServerAuthentication));
                custom.ChainPolicy.ExtraStore.AddRange(_certificates);
                custom.Build(certificate);

                // AllowUnknownCertificateAuthority lets an unknown root through; the walk below decides instead:
                // every certificate up to a bundle certificate must be free of any other fault.
                var trustedBySystem = custom.ChainElements.Count > 0;
                foreach (var element in custom.ChainElements)
                {
                    var fault = element.ChainElementStatus.FirstOrDefault(s => !IsAboutTheAnchor(s.Status));
                    if (fault.Status != X509ChainStatusFlags.NoError)
                    {
                        return $"the certificate '{element.Certificate.Subject}' in the server's chain is not valid: {fault.StatusInformation.Trim().TrimEnd('.')}";
                    }

                    if (Contains(element.Certificate))
                    {
                        return null;
                    }

                    trustedBySystem &= element.ChainElementStatus.All(s => s.Status == X509ChainStatusFlags.NoError);
                }

                // The bundle only supplied a missing intermediate, and the chain ends at a root the system trusts.
                if (trustedBySystem)
                {
                    return null;
                }
            }

            return $"the server's certificate (issued by {certificate.Issuer}) does not chain to a CA in '{Path}' nor to a root this system trusts";
        }

        private static bool IsAboutTheAnchor(X509ChainStatusFlags status) =>
            status == X509ChainStatusFlags.NoError || status == X509ChainStatusFlags.UntrustedRoot || status == X509ChainStatusFlags.PartialChain;

        private bool Contains(X509Certificate2 candidate)
        {
            var raw = candidate.RawData;
            return _certificates.Any(c => c.RawData.SequenceEqual(raw));
        }

        private static X509Certificate2[] Parse(string path, byte[] bytes)
        {
            var text = Encoding.ASCII.GetString(bytes);
            var certificates = new List<X509Certificate2>();
            var at = text.IndexOf(BeginMarker, StringComparison.Ordinal);
            while (at >= 0)
            {
                var start = at + BeginMarker.Length;
                var end = text.IndexOf(EndMarker, start, StringComparison.Ordinal);
                var number = (certificates.Count + 1).ToString(CultureInfo.InvariantCulture);
                if (end < 0)
                {
                    throw new InvalidDataException($"'{path}': certificate {number} has no END CERTIFICATE line.");
                }

                byte[] der;
                try
                {
                    der = Convert.FromBase64String(text.Substring(start, end - start));
                }
                catch (FormatException)
                {
                    throw new InvalidDataException($"'{path}': certificate {number} is not valid base64.");
                }

                certificates.Add(Read(path, der, "certificate " + number));
                at = text.IndexOf(BeginMarker, end + EndMarker.Length, StringComparison.Ordinal);
            }

            if (certificates.Count > 0)
            {
                return certificates.ToArray();
            }

            if (text.IndexOf("-----BEGIN", StringComparison.Ordinal) >= 0)
            {
                throw new InvalidDataException($"'{path}' holds PEM blocks but no BEGIN CERTIFICATE block (a key or a request is not a CA certificate).");
            }

            // A DER file (what Windows' certificate export writes as .cer by default) starts with an ASN.1 SEQUENCE.
            if (bytes.Length > 0 && bytes[0] == 0x30)
            {
                return new[] { Read(path, bytes, "the file") };
            }

            throw new InvalidDataException($"'{path}' holds no certificate: expected PEM blocks (-----BEGIN CERTIFICATE-----) or one DER certificate.");
        }

        private static X509Certificate2 Read(string path, byte[] der, string what)
        {
            try
            {
                return new X509Certificate2(der);
            }
            catch (CryptographicException ex)
            {
                throw new InvalidDataException($"'{path}': {what} is not an X.509 certificate ({ex.Message.Trim().TrimEnd('.')}).", ex);
            }
        }
    }
}
