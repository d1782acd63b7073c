using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace RunAi.PowerShell.Session
{
    /// <summary>
    /// The current session of each runspace. Keyed by runspace (not one process-wide static), so jobs and
    /// <c>ForEach-Object -Parallel</c> runspaces connect to different servers without overwriting each other.
    /// </summary>
    internal static class SessionStore
    {
        private static readonly ConditionalWeakTable<Runspace, Slot> Slots = new ConditionalWeakTable<Runspace, Slot>();

        public static RunAiSession? Current
        {
            get => Runspace.DefaultRunspace is Runspace runspace && Slots.TryGetValue(runspace, out var slot) ? slot.Session : null;
        }

        /// <summary>Makes <paramref name="session"/> the runspace's current one and returns the one it replaces.</summary>
        public static RunAiSession? Replace(RunAiSession? session)
        {
            var runspace = Runspace.DefaultRunspace;
            if (runspace is null)
            {
                return null;
            }

            var slot = Slots.GetValue(runspace, _ => new Slot());
            var previous = slot.Session;
            slot.Session = session;
            return previous;
        }

        private sealed class Slot
        {
            public RunAiSession? Session { get; set; }
        }
    }
}
