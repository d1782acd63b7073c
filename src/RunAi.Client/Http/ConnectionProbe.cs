using System.Threading;

namespace RunAi.Client.Http
{
    /// <summary>
    /// Marks the calls that verify a new connection (<see cref="RunAiClient.VerifyConnectionAsync"/>), token request
    /// included. There a refused connection or a host name that does not resolve is almost always a typo in the
    /// address, so it is answered at once instead of retried for many seconds; established sessions keep their retries.
    /// </summary>
    internal static class ConnectionProbe
    {
        private static readonly AsyncLocal<bool> Active = new AsyncLocal<bool>();

        public static bool IsActive => Active.Value;

        /// <summary>
        /// Marks the calls made from here on in the current async flow. Called at the start of an async method, the mark
        /// ends with that method: a value set there does not flow back to its caller.
        /// </summary>
        public static void Begin() => Active.Value = true;
    }
}
