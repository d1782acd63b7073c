using System.Collections.Generic;
using System.Management.Automation;

namespace RunAi.PowerShell.Pipeline
{
    internal enum PipelineMessageKind
    {
        Object,

        /// <summary>Objects streamed from the server, in order (a <c>List&lt;object?&gt;</c>).</summary>
        Objects,
        Error,
        Warning,
        Verbose,
        Debug,

        /// <summary>The total for -IncludeTotalCount; PowerShell's total-count object is made on the pipeline thread.</summary>
        TotalCount,

        /// <summary>A progress record the command composed itself (see <see cref="ProgressReporter.LeaveToCommand"/>).</summary>
        Progress,
    }

    /// <summary>Something the background work wants written; the pipeline thread writes it.</summary>
    internal readonly struct PipelineMessage
    {
        public PipelineMessage(PipelineMessageKind kind, object? payload, bool holdsRoom = false)
        {
            Kind = kind;
            Payload = payload;
            HoldsRoom = holdsRoom;
        }

        public PipelineMessageKind Kind { get; }

        public object? Payload { get; }

        /// <summary>The message took one of its queue's bounded places; taking it off the queue gives the place back.</summary>
        public bool HoldsRoom { get; }

        /// <summary>Writes the message; returns how many objects it wrote to the pipeline.</summary>
        public int WriteTo(PSCmdlet cmdlet)
        {
            switch (Kind)
            {
                case PipelineMessageKind.Object:
                    cmdlet.WriteObject(Payload);
                    return 1;
                case PipelineMessageKind.Objects:
                    var objects = (List<object?>)Payload!;
                    foreach (var item in objects)
                    {
                        cmdlet.WriteObject(item);
                    }

                    return objects.Count;
                case PipelineMessageKind.Error:
                    cmdlet.WriteError((ErrorRecord)Payload!);
                    break;
                case PipelineMessageKind.Warning:
                    cmdlet.WriteWarning((string)Payload!);
                    break;
                case PipelineMessageKind.Verbose:
                    cmdlet.WriteVerbose((string)Payload!);
                    break;
                case PipelineMessageKind.TotalCount:
                    cmdlet.WriteObject(cmdlet.PagingParameters.NewTotalCount((ulong)(long)Payload!, 1.0));
                    break;
                case PipelineMessageKind.Progress:
                    cmdlet.WriteProgress((ProgressRecord)Payload!);
                    break;
                default:
                    cmdlet.WriteDebug((string)Payload!);
                    break;
            }

            return 0;
        }
    }
}
