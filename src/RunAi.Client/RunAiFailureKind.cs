namespace RunAi.Client
{
    /// <summary>What went wrong with a call, so callers can tell a refusal from an outage from a broken answer.</summary>
    public enum RunAiFailureKind
    {
        /// <summary>The server answered with an error status (see <see cref="RunAiApiException.StatusCode"/>).</summary>
        HttpStatus,

        /// <summary>No answer: the connection could not be made or broke (DNS, refused, reset).</summary>
        Transport,

        /// <summary>The TLS certificate of the server was not trusted.</summary>
        Certificate,

        /// <summary>No answer within the per-attempt or overall timeout.</summary>
        Timeout,

        /// <summary>The server answered 2xx but the body is not the JSON the API documents (HTML, truncated, wrong shape, too large).</summary>
        InvalidResponse,

        /// <summary>The server broke the paging contract (a <c>next</c> offset that does not move forward).</summary>
        PagingFault,

        /// <summary>The proxy answered 407: it wants credentials, or refused the ones given.</summary>
        ProxyAuthentication,

        /// <summary>The proxy could not be reached (refused, name not resolved): nothing got as far as the server.</summary>
        ProxyUnreachable,

        /// <summary>
        /// The TLS handshake failed before any certificate was judged: this machine and the server share no TLS version
        /// or cipher suite (or the server wants a client certificate). Retrying cannot help.
        /// </summary>
        TlsHandshake,
    }
}
