using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using RunAi.Client.Watching;

namespace RunAi.PowerShell.Pipeline
{
    /// <summary>
    /// The progress of a wait for several workloads: one bar for the whole wait (how many are done, how long it has
    /// waited) and one below it per workload still waited for (its phase now and the time waited). Like every progress
    /// in the module, nothing shows before the wait has taken <see cref="ProgressReporter.Delay"/>. The records are
    /// composed on the work's thread and written by the pipeline thread (queued as progress messages).
    /// </summary>
    internal sealed class WaitProgress
    {
        private readonly int _parentId;
        private readonly string _activity;
        private readonly int _total;
        private readonly Dictionary<Guid, int> _childIds = new Dictionary<Guid, int>();
        private readonly HashSet<Guid> _shownChildren = new HashSet<Guid>();
        private int _done;
        private bool _parentShown;

        public WaitProgress(string commandName, int total, IEnumerable<string> phases)
        {
            _parentId = Math.Abs(StringComparer.Ordinal.GetHashCode(commandName) % 100_000) + 1;
            _total = total;
            _activity = string.Format(CultureInfo.InvariantCulture, "Waiting for {0} {1} to be {2}", total, total == 1 ? "workload" : "workloads", string.Join(" or ", phases));
        }

        /// <summary>The records that show <paramref name="update"/>: the workload's own bar (closed when its wait is over) and the overall one.</summary>
        public IEnumerable<ProgressRecord> Show(WorkloadWaitUpdate update)
        {
            if (update.IsFinal)
            {
                _done++;
            }

            var shown = _shownChildren.Contains(update.WorkloadId);
            if (update.Waited < ProgressReporter.Delay && !shown)
            {
                yield break;
            }

            yield return Overall(update.Waited, ProgressRecordType.Processing);
            if (update.IsFinal && !shown)
            {
                yield break;
            }

            _shownChildren.Add(update.WorkloadId);
            var name = update.Workload?.Name is { Length: > 0 } known ? known : update.WorkloadId.ToString();
            var phase = update.Workload?.Phase ?? "not read yet";
            var status = string.Format(CultureInfo.InvariantCulture, "{0}, waited {1:0} s", phase, update.Waited.TotalSeconds);
            if (update.Failure != null && !update.IsFinal)
            {
                status += ", last poll failed: trying again";
            }

            yield return new ProgressRecord(ChildId(update.WorkloadId), name, status)
            {
                ParentActivityId = _parentId,
                RecordType = update.IsFinal ? ProgressRecordType.Completed : ProgressRecordType.Processing,
            };
        }

        /// <summary>Closes the overall bar, if it was shown.</summary>
        public IEnumerable<ProgressRecord> Complete(TimeSpan waited)
        {
            if (_parentShown)
            {
                yield return Overall(waited, ProgressRecordType.Completed);
            }
        }

        private ProgressRecord Overall(TimeSpan waited, ProgressRecordType type)
        {
            _parentShown = true;
            var status = string.Format(CultureInfo.InvariantCulture, "{0} of {1} done, waited {2:0} s", _done, _total, waited.TotalSeconds);
            return new ProgressRecord(_parentId, _activity, status)
            {
                PercentComplete = _total == 0 ? 100 : _done * 100 / _total,
                RecordType = type,
            };
        }

        private int ChildId(Guid workloadId)
        {
            if (!_childIds.TryGetValue(workloadId, out var id))
            {
                id = _parentId + 1 + _childIds.Count;
                _childIds.Add(workloadId, id);
            }

            return id;
        }
    }
}
