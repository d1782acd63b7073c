using System;
using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using System.Threading;

namespace RunAi.PowerShell.Pipeline
{
    /// <summary>
    /// Progress of one cmdlet invocation, across all its pipeline inputs: what is being listed, items written so far,
    /// pages and inputs. Nothing shows until the work has taken <see cref="Delay"/> (a quick call shows no bar), then
    /// the bar is refreshed at most every <see cref="Interval"/>. Pages are counted on pool threads; every record is
    /// written on the pipeline thread, by <see cref="Update"/> and <see cref="Complete"/>.
    /// </summary>
    internal sealed class ProgressReporter
    {
        internal static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);
        internal static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

        private readonly Stopwatch _elapsed = new Stopwatch();
        private readonly int _activityId;
        private readonly string _defaultActivity;
        private string? _listing;
        private int _pages;
        private long _items;
        private int _inputs;
        private long? _expectedItems;
        private TimeSpan _lastShown;
        private ProgressRecord? _shown;
        private bool _leftToCommand;
        private Pause? _pause;

        public ProgressReporter(string commandName)
        {
            _defaultActivity = commandName;
            _activityId = Math.Abs(StringComparer.Ordinal.GetHashCode(commandName) % 100_000) + 1;
        }

        /// <summary>A pipeline input starts (each Run call is one, and each input handed to a lane).</summary>
        public void InputStarted()
        {
            _elapsed.Start();
            _inputs++;
        }

        /// <summary>A page of <paramref name="what"/> arrived (called on a pool thread).</summary>
        public void PageReceived(string what)
        {
            Volatile.Write(ref _listing, what);
            Interlocked.Increment(ref _pages);
        }

        /// <summary>
        /// A call waits <paramref name="wait"/> before its next attempt (a Retry-After, a backoff), called on a pool thread:
        /// until then the status says so, instead of a count that stands still. The longest wait of the lanes shows.
        /// </summary>
        public void Waiting(TimeSpan wait, string reason)
        {
            var until = Stopwatch.GetTimestamp() + (long)(wait.TotalSeconds * Stopwatch.Frequency);
            var pause = new Pause(until, reason);
            var seen = Volatile.Read(ref _pause);
            while (seen is null || seen.Until < until || seen.Until <= Stopwatch.GetTimestamp())
            {
                var previous = Interlocked.CompareExchange(ref _pause, pause, seen);
                if (ReferenceEquals(previous, seen))
                {
                    return;
                }

                seen = previous;
            }
        }

        /// <summary>Items were written to the pipeline.</summary>
        public void ItemsWritten(int count) => _items += count;

        /// <summary>How many items this invocation has written so far, over all its inputs.</summary>
        public long ItemsSoFar => _items;

        /// <summary>The number of items the whole call will write, when known (-IncludeTotalCount): progress then shows a percentage.</summary>
        public void Expect(long items) => _expectedItems = items;

        /// <summary>
        /// The command shows progress of its own (queued as progress messages), which says more than items and pages:
        /// this reporter writes nothing.
        /// </summary>
        public void LeaveToCommand() => _leftToCommand = true;

        /// <summary>Writes the bar if the work has run long enough and the last refresh is old enough.</summary>
        public void Update(Cmdlet cmdlet)
        {
            var now = _elapsed.Elapsed;
            if (_leftToCommand || now < Delay || (_shown != null && now - _lastShown < Interval))
            {
                return;
            }

            _lastShown = now;
            _shown = new ProgressRecord(_activityId, Activity(), Status());
            if (_expectedItems is long expected && expected > 0)
            {
                _shown.PercentComplete = (int)Math.Min(100, _items * 100 / expected);
            }

            cmdlet.WriteProgress(_shown);
        }

        /// <summary>Closes the bar, if one was shown.</summary>
        public void Complete(Cmdlet cmdlet)
        {
            _elapsed.Stop();
            if (_shown is null)
            {
                return;
            }

            cmdlet.WriteProgress(new ProgressRecord(_activityId, _shown.Activity, Status()) { RecordType = ProgressRecordType.Completed });
            _shown = null;
        }

        private string Activity()
        {
            var listing = Volatile.Read(ref _listing);
            return listing is null ? _defaultActivity : "Listing " + listing;
        }

        private string Status()
        {
            var status = string.Format(CultureInfo.InvariantCulture, "{0:N0} items so far", _items);
            if (Volatile.Read(ref _pause) is Pause pause)
            {
                var left = (double)(pause.Until - Stopwatch.GetTimestamp()) / Stopwatch.Frequency;
                if (left > 0)
                {
                    status = string.Format(CultureInfo.InvariantCulture, "Waiting {0:0} s: {1}; ", Math.Ceiling(left), pause.Reason) + status;
                }
            }

            var pages = Volatile.Read(ref _pages);
            if (pages > 0)
            {
                status += string.Format(CultureInfo.InvariantCulture, ", {0:N0} {1}", pages, pages == 1 ? "page" : "pages");
            }

            if (_inputs > 1)
            {
                status += string.Format(CultureInfo.InvariantCulture, ", {0:N0} inputs", _inputs);
            }

            return status + string.Format(CultureInfo.InvariantCulture, " ({0:0} s)", _elapsed.Elapsed.TotalSeconds);
        }

        /// <summary>A wait before the next attempt: until when (a Stopwatch timestamp) and why.</summary>
        private sealed class Pause
        {
            public Pause(long until, string reason)
            {
                Until = until;
                Reason = reason;
            }

            public long Until { get; }

            public string Reason { get; }
        }
    }
}
