using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using RunAi.Client.Diagnostics;
using RunAi.Client.Models;

namespace RunAi.Client.Watching
{
    /// <summary>
    /// Follows the events of several workloads (or revisions) with one round of polls per interval: for each owner
    /// still followed, its phase, then its events oldest first from the count already seen. Every event is reported once:
    /// each round re-reads the last <see cref="Rechecked"/> positions and de-duplicates by event id, so an event that
    /// arrives a little late is still caught; if even those positions moved (old events expired), the round reads the
    /// list again from its start. An owner whose phase has ended gets that one last read of its events, then is done.
    /// </summary>
    internal static class EventFollower
    {
        /// <summary>How many already-seen positions each round reads again.</summary>
        internal const int Rechecked = 20;

        public delegate Task<OwnerState> StateReader(Guid ownerId, CancellationToken cancellationToken);

        /// <summary>The owner's events, oldest first, from position <paramref name="offset"/>.</summary>
        public delegate IAsyncEnumerable<WorkloadEvent> EventsReader(Guid ownerId, long offset, CancellationToken cancellationToken);

        public static async IAsyncEnumerable<EventFollowUpdate> FollowAsync(
            IEnumerable<Guid> ownerIds, WatchOptions options, StateReader readState, EventsReader readEvents, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var clock = new PollClock(options);
            var following = ownerIds.Distinct().Select(id => new Followed(id)).ToList();
            while (following.Count > 0)
            {
                foreach (var owner in following)
                {
                    OwnerState? state = null;
                    RunAiApiException? failure = null;
                    try
                    {
                        state = await readState(owner.Id, cancellationToken).ConfigureAwait(false);
                    }
                    catch (RunAiApiException ex) when (!cancellationToken.IsCancellationRequested)
                    {
                        failure = ex;
                    }

                    if (failure is null || WatchFailure.IsTransient(failure))
                    {
                        var read = new EventRead(owner, readEvents);
                        await foreach (var item in read.NewEventsAsync(cancellationToken).ConfigureAwait(false))
                        {
                            yield return new EventFollowUpdate(EventFollowUpdateKind.Event, owner.Id, item);
                        }

                        failure = failure ?? read.Failure;
                    }

                    if (failure != null)
                    {
                        var transient = WatchFailure.IsTransient(failure);
                        owner.IsDone = !transient;
                        yield return new EventFollowUpdate(transient ? EventFollowUpdateKind.Retrying : EventFollowUpdateKind.Failed, owner.Id, failure: failure);
                    }
                    else if (state is OwnerState known && known.HasEnded)
                    {
                        owner.IsDone = true;
                        yield return new EventFollowUpdate(EventFollowUpdateKind.Ended, owner.Id, state: known);
                    }
                }

                following.RemoveAll(owner => owner.IsDone);
                if (following.Count == 0)
                {
                    yield break;
                }

                if (clock.IsOver)
                {
                    foreach (var owner in following)
                    {
                        yield return new EventFollowUpdate(EventFollowUpdateKind.TimedOut, owner.Id);
                    }

                    yield break;
                }

                await clock.WaitForNextPollAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>What is known of one followed owner: how far its list was read and which events were reported.</summary>
        private sealed class Followed
        {
            public Followed(Guid id) => Id = id;

            public Guid Id { get; }

            /// <summary>The number of positions of its list read so far (the count seen).</summary>
            public long Position { get; set; }

            public HashSet<string> Seen { get; } = new HashSet<string>(StringComparer.Ordinal);

            public bool IsDone { get; set; }
        }

        /// <summary>One round's read of an owner's new events; a failure ends the read and is kept in <see cref="Failure"/>.</summary>
        private sealed class EventRead
        {
            private readonly Followed _owner;
            private readonly EventsReader _readEvents;

            public EventRead(Followed owner, EventsReader readEvents)
            {
                _owner = owner;
                _readEvents = readEvents;
            }

            public RunAiApiException? Failure { get; private set; }

            public async IAsyncEnumerable<WorkloadEvent> NewEventsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
            {
                var offset = Math.Max(0, _owner.Position - Rechecked);
                var restarted = false;
                while (true)
                {
                    var position = offset;
                    var anchorChecked = offset == 0;
                    var shifted = false;
                    var items = _readEvents(_owner.Id, offset, cancellationToken).GetAsyncEnumerator(cancellationToken);
                    try
                    {
                        while (await NextAsync(items, cancellationToken).ConfigureAwait(false))
                        {
                            var key = KeyOf(items.Current);
                            if (!anchorChecked)
                            {
                                // The first position re-read must hold an event already seen; if not, the list moved under us.
                                anchorChecked = true;
                                if (!_owner.Seen.Contains(key))
                                {
                                    shifted = true;
                                    break;
                                }
                            }

                            position++;
                            if (_owner.Seen.Add(key))
                            {
                                yield return items.Current;
                            }
                        }
                    }
                    finally
                    {
                        await items.DisposeAsync().ConfigureAwait(false);
                    }

                    // Nothing at all from a position already seen: the list got shorter (older events expired).
                    shifted = shifted || (!anchorChecked && Failure is null && !restarted);
                    if (!shifted)
                    {
                        _owner.Position = Failure is null ? position : Math.Max(_owner.Position, position);
                        yield break;
                    }

                    RunAiDiagnostics.Verbose(string.Format(CultureInfo.InvariantCulture, "The events of {0} moved since the last poll (older ones expired); reading them again from the start.", _owner.Id));
                    offset = 0;
                    restarted = true;
                }
            }

            private async Task<bool> NextAsync(IAsyncEnumerator<WorkloadEvent> items, CancellationToken cancellationToken)
            {
                try
                {
                    return await items.MoveNextAsync().ConfigureAwait(false);
                }
                catch (RunAiApiException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    Failure = ex;
                    return false;
                }
            }

            /// <summary>The event's id; an event without one is known by its time and text.</summary>
            private static string KeyOf(WorkloadEvent item) =>
                item.Id is Guid id
                    ? id.ToString("D")
                    : string.Join("|", item.CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture), item.Type, item.Reason, item.Message, item.InvolvedObject?.Uid.ToString("D"));
        }
    }
}
