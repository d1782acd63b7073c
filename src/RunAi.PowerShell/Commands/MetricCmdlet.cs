using System;
using System.Collections.Generic;
using System.Management.Automation;
using RunAi.Client;
using RunAi.PowerShell.Parameters;
using RunAi.PowerShell.Pipeline;

namespace RunAi.PowerShell.Commands
{
    /// <summary>
    /// The window shared by the metric cmdlets: <c>-Start</c>/<c>-End</c> (default: the last hour) and <c>-Samples</c>,
    /// checked once before any request, and <c>-ThrottleLimit</c>. Each cmdlet declares its own <c>-MetricType</c>, since the enums differ.
    /// </summary>
    public abstract class MetricCmdlet : RunAiCmdlet
    {
        /// <summary>The start of the window (default: an hour before -End).</summary>
        [Parameter]
        public DateTimeOffset? Start { get; set; }

        /// <summary>The end of the window (default: now).</summary>
        [Parameter]
        public DateTimeOffset? End { get; set; }

        /// <summary>Samples per series, 0–1000 (the API's default is 20).</summary>
        [Parameter]
        [ValidateRange(0, 1000)]
        public int? Samples { get; set; }

        /// <summary>How many inputs are fetched at once, 1–32 (default 1: one after another). Output stays in input order, each input's items together.</summary>
        [Parameter]
        [ValidateRange(1, FanOut.MaxLimit)]
        public int ThrottleLimit { get; set; } = FanOut.DefaultLimit;

        /// <summary>The query every input of this invocation uses, built in BeginProcessing.</summary>
        private protected MetricQuery Query { get; private set; } = null!;

        /// <summary>The metric types the user asked for.</summary>
        private protected abstract IEnumerable<string> RequestedTypes { get; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            Query = MetricWindow.Build(this, RequestedTypes, Start, End, Samples);
        }
    }
}
