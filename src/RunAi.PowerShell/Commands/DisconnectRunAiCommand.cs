using System.Management.Automation;
using RunAi.PowerShell.Session;

namespace RunAi.PowerShell.Commands
{
    /// <summary>
    /// Ends the current Run:ai session (or the one given with -Session) and forgets its credentials.
    /// </summary>
    /// <remarks>Users' help (synopsis, description, examples, parameters) is in Help/Disconnect-RunAi.md.</remarks>
    [Cmdlet(VerbsCommunications.Disconnect, "RunAi")]
    [OutputType(typeof(void))]
    public sealed class DisconnectRunAiCommand : RunAiCmdlet
    {
        protected override void EndProcessing()
        {
            var current = SessionStore.Current;
            var target = Session ?? current;
            if (target is null)
            {
                WriteVerbose("Not connected; nothing to disconnect.");
                return;
            }

            if (ReferenceEquals(target, current))
            {
                SessionStore.Replace(null);
            }

            target.Dispose();
            WriteVerbose($"Disconnected from {target.BaseUri}.");
        }
    }
}
