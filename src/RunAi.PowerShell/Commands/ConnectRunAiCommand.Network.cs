using System;
using System.IO;
using System.Management.Automation;
using System.Net;
using System.Security;
using RunAi.Client;
using RunAi.Client.Http;
using RunAi.PowerShell.Errors;
using RunAi.PowerShell.Parameters;

namespace RunAi.PowerShell.Commands
{
    /// <summary>Connect-RunAi's corporate-network parameters: an internal certificate authority and an explicit proxy.</summary>
    /// <remarks>Users' help for these parameters is in Help/Connect-RunAi.md.</remarks>
    public sealed partial class ConnectRunAiCommand
    {
        private const string CaBundleVariable = "RUNAI_CA_BUNDLE";
        private const string ProxyVariable = "RUNAI_PROXY";

        /// <summary>A PEM file of CA certificates trusted in addition to the system's roots. Defaults to RUNAI_CA_BUNDLE.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string CertificateAuthority { get; set; } = string.Empty;

        /// <summary>The proxy to go through. Defaults to RUNAI_PROXY, then the system's proxy settings.</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri? Proxy { get; set; }

        /// <summary>The user name and password the proxy asks for.</summary>
        [Parameter]
        [Credential]
        [ValidateNotNull]
        public PSCredential? ProxyCredential { get; set; }

        /// <summary>Authenticate to the proxy as the logged-on user (a Windows integrated proxy).</summary>
        [Parameter]
        public SwitchParameter ProxyUseDefaultCredentials { get; set; }

        /// <summary>Connect directly, ignoring RUNAI_PROXY and the system's proxy settings.</summary>
        [Parameter]
        public SwitchParameter NoProxy { get; set; }

        /// <summary>Sets the CA bundle and the proxy of the options, or ends with an InvalidArgument error before any request.</summary>
        private void ApplyNetworkSettings(RunAiClientOptions options)
        {
            RejectContradictions();
            options.CertificateAuthority = ResolveCertificateAuthority();
            if (options.CertificateAuthority != null)
            {
                WriteVerbose($"Trusting, in addition to the system's roots, {options.CertificateAuthority}.");
            }

            options.NoProxy = NoProxy;
            options.ProxyUseDefaultCredentials = ProxyUseDefaultCredentials;
            options.ProxyCredential = ProxyCredential?.GetNetworkCredential();
            if (NoProxy)
            {
                return;
            }

            var text = Proxy?.OriginalString;
            var source = "-Proxy";
            if (text is null)
            {
                text = Environment.GetEnvironmentVariable(ProxyVariable);
                source = ProxyVariable;
                if (string.IsNullOrWhiteSpace(text))
                {
                    return;
                }
            }

            if (!ProxyAddress.TryParse(text!, out var address, out var embedded))
            {
                Fail(ErrorIds.InvalidConnectionSettings, $"{source} is not a proxy address: '{ProxyAddress.Redact(text!)}'. Write it as http://host:port.", ProxyAddress.Redact(text!));
            }

            try
            {
                options.Proxy = address;
            }
            catch (ArgumentException ex)
            {
                Fail(ErrorIds.InvalidConnectionSettings, $"{source}: {ex.Message}", address);
            }

            if (options.ProxyCredential is null && !ProxyUseDefaultCredentials)
            {
                options.ProxyCredential = embedded;
            }
        }

        private void DescribeProxy(RunAiClient client)
        {
            var options = client.Options;
            if (client.Proxy is Uri proxy)
            {
                var user = options.ProxyUseDefaultCredentials ? " as the logged-on user" : options.ProxyCredential is null ? string.Empty : $" as {options.ProxyCredential.UserName}";
                WriteVerbose($"Going through the proxy {proxy}{user}; HTTPS crosses it in a CONNECT tunnel.");
            }
            else if (options.NoProxy)
            {
                WriteVerbose("Connecting directly (-NoProxy).");
            }
            else if (options.Proxy != null || options.ProxyCredential != null || options.ProxyUseDefaultCredentials)
            {
                WriteVerbose("The address is on this machine: no proxy is used for it.");
            }
        }

        private void RejectContradictions()
        {
            var bound = MyInvocation.BoundParameters;
            if (bound.ContainsKey(nameof(CertificateAuthority)) && SkipCertificateCheck)
            {
                Fail(ErrorIds.InvalidConnectionSettings, "-CertificateAuthority checks the certificate against your CA; -SkipCertificateCheck turns the check off. Pass one of them.", CertificateAuthority);
            }

            if (NoProxy && (Proxy != null || ProxyCredential != null || ProxyUseDefaultCredentials))
            {
                Fail(ErrorIds.InvalidConnectionSettings, "-NoProxy connects directly; it cannot be combined with -Proxy, -ProxyCredential or -ProxyUseDefaultCredentials.", null);
            }

            if (ProxyCredential != null && ProxyUseDefaultCredentials)
            {
                Fail(ErrorIds.InvalidConnectionSettings, "Pass either -ProxyCredential or -ProxyUseDefaultCredentials, not both.", null);
            }
        }

        private CertificateAuthorityBundle? ResolveCertificateAuthority()
        {
            var path = CertificateAuthority;
            var source = "-CertificateAuthority";
            if (string.IsNullOrEmpty(path))
            {
                path = Environment.GetEnvironmentVariable(CaBundleVariable) ?? string.Empty;
                source = CaBundleVariable;
                if (string.IsNullOrWhiteSpace(path))
                {
                    return null;
                }

                if (SkipCertificateCheck)
                {
                    WriteVerbose($"{CaBundleVariable} is ignored: -SkipCertificateCheck accepts any certificate.");
                    return null;
                }
            }

            string full;
            try
            {
                // Relative to the PowerShell location, as every path a cmdlet takes (not the process's directory).
                full = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
            }
            catch (Exception ex) when (ex is ItemNotFoundException || ex is ProviderNotFoundException || ex is System.Management.Automation.DriveNotFoundException || ex is NotSupportedException)
            {
                Fail(ErrorIds.InvalidCertificateAuthority, $"{source}: '{path}' is not a file system path: {ex.Message}", path);
                return null;
            }

            try
            {
                return CertificateAuthorityBundle.Load(full);
            }
            catch (Exception ex) when (ex is IOException || ex is InvalidDataException || ex is UnauthorizedAccessException || ex is SecurityException || ex is ArgumentException)
            {
                Fail(ErrorIds.InvalidCertificateAuthority, $"{source}: cannot use '{full}' as a certificate authority: {ex.Message}", full);
                return null;
            }
        }

        private void Fail(string id, string message, object? target) =>
            ThrowTerminatingError(new ErrorRecord(new ArgumentException(message), id, ErrorCategory.InvalidArgument, target));
    }
}
