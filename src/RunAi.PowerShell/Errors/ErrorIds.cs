namespace RunAi.PowerShell.Errors
{
    /// <summary>Stable error ids: scripts match on these (<c>$_.FullyQualifiedErrorId -like 'NotFound,*'</c>), so they never change.</summary>
    public static class ErrorIds
    {
        public const string NotConnected = "NotConnected";
        public const string SessionDisconnected = "SessionDisconnected";
        public const string MissingBaseUri = "MissingBaseUri";
        public const string MissingCredential = "MissingCredential";
        public const string InvalidConnectionSettings = "InvalidConnectionSettings";
        public const string UnencryptedConnection = "UnencryptedConnection";
        public const string InvalidRequest = "InvalidRequest";
        public const string Unauthorized = "Unauthorized";
        public const string TokenExpired = "TokenExpired";
        public const string TokenRequestRejected = "TokenRequestRejected";
        public const string Forbidden = "Forbidden";
        public const string NotFound = "NotFound";
        public const string TooManyRequests = "TooManyRequests";
        public const string ServiceUnavailable = "ServiceUnavailable";
        public const string RequestFailed = "RequestFailed";
        public const string ConnectionFailed = "ConnectionFailed";
        public const string CertificateNotTrusted = "CertificateNotTrusted";
        public const string TlsHandshakeFailed = "TlsHandshakeFailed";

        /// <summary>Raised by RunAi.psm1 (Windows PowerShell 5.1 below .NET Framework 4.7.2) before any dll loads.</summary>
        public const string DotNetFrameworkTooOld = "DotNetFrameworkTooOld";
        public const string Timeout = "Timeout";
        public const string InvalidResponse = "InvalidResponse";
        public const string PagingFault = "PagingFault";
        public const string InvalidArgument = "InvalidArgument";
        public const string InvalidCertificateAuthority = "InvalidCertificateAuthority";
        public const string ProxyAuthenticationRequired = "ProxyAuthenticationRequired";
        public const string ProxyUnreachable = "ProxyUnreachable";

        /// <summary>Wait-RunAiWorkload: the timeout came before the workload reached a wanted phase (OperationTimeout).</summary>
        public const string WaitTimeout = "WaitTimeout";

        /// <summary>Wait-RunAiWorkload: the workload ended (Failed, Completed, Stopped) or was deleted without reaching a wanted phase (InvalidResult).</summary>
        public const string WorkloadEndedInUnwantedPhase = "WorkloadEndedInUnwantedPhase";
    }
}
