using System.Management.Automation;

namespace RunAi.PowerShell.Pipeline
{
    internal enum PipelineMessageKind
    {
        Object,
        Error,
        Warning,
        Verbose,
        Debug,
    }

    /// <summary>Something the background work wants written; the pipeline thread writes it.</summary>
    internal readonly struct PipelineMessage
    {
        public PipelineMessage(PipelineMessageKind kind, object? payload)
        {
            Kind = kind;
            Payload = payload;
        }

        public PipelineMessageKind Kind { get; }

        public object? Payload { get; }

        public void WriteTo(Cmdlet cmdlet)
        {
            switch (Kind)
            {
                case PipelineMessageKind.Object:
                    cmdlet.WriteObject(Payload);
                    break;
                case PipelineMessageKind.Error:
                    cmdlet.WriteError((ErrorRecord)Payload!);
                    break;
                case PipelineMessageKind.Warning:
                    cmdlet.WriteWarning((string)Payload!);
                    break;
                case PipelineMessageKind.Verbose:
                    cmdlet.WriteVerbose((string)Payload!);
                    break;
                default:
                    cmdlet.WriteDebug((string)Payload!);
                    break;
            }
        }
    }
}
