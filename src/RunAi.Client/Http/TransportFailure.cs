using System;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;

namespace RunAi.Client.Http
{
    /// <summary>
    /// Tells a refused TLS handshake from an untrusted certificate from any other transport fault, whatever the
    /// runtime wraps it in. The three need different answers: a handshake that fails on protocol versions or ciphers
    /// fails the same way on every retry and -SkipCertificateCheck cannot help it; a certificate needs trusting;
    /// a refused or reset connection may work on the next attempt.
    /// </summary>
    internal static class TransportFailure
    {
        public static RunAiFailureKind Classify(Exception failure)
        {
            for (var e = failure; e != null; e = e.InnerException)
            {
                // .NET Framework: HttpRequestException → WebException, whose status says which it was.
                if (e is WebException web)
                {
                    if (web.Status == WebExceptionStatus.TrustFailure)
                    {
                        return RunAiFailureKind.Certificate;
                    }

                    if (web.Status == WebExceptionStatus.SecureChannelFailure)
                    {
                        return RunAiFailureKind.TlsHandshake;
                    }
                }

                // The certificate check fails with an AuthenticationException of its own; a handshake that failed
                // underneath carries the TLS library's error inside it (Win32Exception from SChannel on Windows,
                // OpenSSL's error on Linux and macOS).
                if (e is AuthenticationException)
                {
                    return e.InnerException is null ? RunAiFailureKind.Certificate : RunAiFailureKind.TlsHandshake;
                }
            }

            return RunAiFailureKind.Transport;
        }

        /// <summary>A refused connection or a host name that does not resolve: on a new connection, a wrong address.</summary>
        public static bool IsWrongAddress(Exception failure)
        {
            for (var e = failure; e != null; e = e.InnerException)
            {
                if (e is WebException web && web.Status == WebExceptionStatus.NameResolutionFailure)
                {
                    return true;
                }

                if (e is SocketException socket &&
                    (socket.SocketErrorCode == SocketError.ConnectionRefused || socket.SocketErrorCode == SocketError.HostNotFound || socket.SocketErrorCode == SocketError.NoData))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
