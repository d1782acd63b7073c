using System;
using System.Threading;

namespace RunAi.Client.Diagnostics
{
    /// <summary>
    /// Routes the client's diagnostics to the listener of the current logical call. The listener flows with
    /// the async call (AsyncLocal), so two commands sharing one session never see each other's lines.
    /// </summary>
    public static class RunAiDiagnostics
    {
        private static readonly AsyncLocal<IRunAiDiagnosticsListener?> Current = new AsyncLocal<IRunAiDiagnosticsListener?>();

        /// <summary>Sends diagnostics of calls started from here on (in this async flow) to <paramref name="listener"/>.</summary>
        public static IDisposable Listen(IRunAiDiagnosticsListener listener)
        {
            var previous = Current.Value;
            Current.Value = listener ?? throw new ArgumentNullException(nameof(listener));
            return new Scope(previous);
        }

        internal static void Verbose(string message) => Current.Value?.Verbose(message);

        internal static void Debug(string message) => Current.Value?.Debug(message);

        internal static void Waiting(TimeSpan wait, string reason) => (Current.Value as IRunAiWaitListener)?.Waiting(wait, reason);

        internal static void PageReceived(string what, int pageNumber, int itemCount) => Current.Value?.PageReceived(what, pageNumber, itemCount);

        private sealed class Scope : IDisposable
        {
            private readonly IRunAiDiagnosticsListener? _previous;

            public Scope(IRunAiDiagnosticsListener? previous) => _previous = previous;

            public void Dispose() => Current.Value = _previous;
        }
    }
}
