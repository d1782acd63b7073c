using System;
using System.Globalization;
using System.Net;
using RunAi.Client.Diagnostics;

namespace RunAi.Client.Http
{
    /// <summary>
    /// Windows PowerShell 5.1 runs on .NET Framework, whose HttpClientHandler takes its TLS versions from the
    /// process-wide <see cref="ServicePointManager.SecurityProtocol"/>. powershell.exe targets an old framework
    /// version, so unless the machine opted in (SchUseStrongCrypto) that is Ssl3 and TLS 1.0 only, and a control
    /// plane that accepts TLS 1.2 and later refuses the connection. Elsewhere (.NET 8+, Mono) the handler asks the
    /// operating system and ServicePointManager plays no part, so this runs only on .NET Framework.
    /// </summary>
    internal static class FrameworkTls
    {
        /// <summary>"Let the operating system choose" (.NET Framework 4.7+; netstandard2.0 has no name for it).</summary>
        internal const SecurityProtocolType SystemDefault = 0;

        /// <summary>
        /// True on .NET Framework, the runtime of Windows PowerShell 5.1: its core library is mscorlib (.NET 8+ has
        /// System.Private.CoreLib). Mono has an mscorlib too, but its handler never reads ServicePointManager. Not
        /// RuntimeInformation.FrameworkDescription: a runtime without that facade (Debian's mono-runtime) cannot load it.
        /// </summary>
        public static bool IsNetFramework { get; } =
            typeof(object).Assembly.GetName().Name == "mscorlib" && Type.GetType("Mono.Runtime") is null;

        /// <summary>On .NET Framework, adds TLS 1.2 to what the process allows (nothing the user set is removed).</summary>
        public static void EnsureTls12()
        {
            if (!IsNetFramework)
            {
                return;
            }

#pragma warning disable SYSLIB0014 // ServicePointManager is what .NET Framework's handler reads; it is never touched elsewhere.
            var current = ServicePointManager.SecurityProtocol;
            var wanted = WithTls12(current);
            if (wanted == current)
            {
                return;
            }

            try
            {
                ServicePointManager.SecurityProtocol = wanted;
                RunAiDiagnostics.Debug(string.Format(CultureInfo.InvariantCulture, "TLS versions allowed by this process: {0} (TLS 1.2 added).", wanted));
            }
            catch (NotSupportedException)
            {
                // A value this framework refuses: leave the user's setting alone; a refused handshake says what to do.
            }
#pragma warning restore SYSLIB0014
        }

        /// <summary>
        /// The protocols to allow, given the current ones: SystemDefault stays (the operating system chooses, and
        /// offers TLS 1.2 where it is enabled); anything else gets TLS 1.2 added.
        /// </summary>
        internal static SecurityProtocolType WithTls12(SecurityProtocolType current) =>
            current == SystemDefault ? current : current | SecurityProtocolType.Tls12;
    }
}
