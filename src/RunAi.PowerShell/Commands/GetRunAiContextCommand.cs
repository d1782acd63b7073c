using System.Management.Automation;
using RunAi.PowerShell.Session;

namespace RunAi.PowerShell.Commands
{
    /// <summary>
    /// Shows the current Run:ai session: address, kind of authentication and token expiry. Never the token.
    /// </summary>
    /// <remarks>Users' help (synopsis, description, examples, parameters) is in Help/Get-RunAiContext.md.</remarks>
    [Cmdlet(VerbsCommon.Get, "RunAiContext")]
    [OutputType(typeof(RunAiSession))]
    public sealed class GetRunAiContextCommand : RunAiCmdlet
    {
        protected override void EndProcessing()
        {
            var session = Session ?? SessionStore.Current;
            if (session is null)
            {
                WriteVerbose("Not connected. Run Connect-RunAi.");
                return;
            }

            WriteObject(session);
        }
    }
}
