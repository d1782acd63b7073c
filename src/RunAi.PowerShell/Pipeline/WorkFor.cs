namespace RunAi.PowerShell.Pipeline
{
    /// <summary>Whose work a cmdlet submits, which decides what its failure does (see RunAiCmdlet.Submit).</summary>
    internal enum WorkFor
    {
        /// <summary>The command's own (a listing, a single call): its failure ends the command, saying what was written.</summary>
        Command,

        /// <summary>One pipeline input's, among others: its failure is a non-terminating error for that input.</summary>
        Input,
    }
}
