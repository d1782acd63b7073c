using System;
using System.Collections.Generic;

namespace RunAi.Simulator.Data;

/// <summary>An event of a live workload: fixed once it has happened, so a client that follows events sees it unchanged.</summary>
internal readonly record struct LiveEvent(long Ticks, string Type, string Reason, string Message);

/// <summary>
/// A workload whose phase follows the clock (live mode): Pending from its creation, Running once its pending time is
/// over, then Completed or Failed once its running time is over. Its whole timeline and every event are fixed when it
/// is created; a request sees the steps and events whose time has come, so the answers only ever grow.
/// </summary>
internal sealed class LiveWorkload
{
    /// <summary>The start-up events are this far apart (or closer, when the running time is short).</summary>
    private static readonly long StartupEventSpacing = TimeSpan.TicksPerMillisecond * 100;

    private readonly PhaseStep[] steps;
    private readonly LiveEvent[] events;
    private readonly byte project;

    public LiveWorkload(string name, int number, long createdTicks, TimeSpan pending, TimeSpan running, LiveOutcome outcome)
    {
        Name = name;
        project = (byte)(number % Vocabulary.ProjectNames.Length);
        createdTicks = createdTicks / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond;
        var end = outcome == LiveOutcome.Failed ? WorkloadPhase.Failed : WorkloadPhase.Completed;
        var settledTicks = createdTicks + Millis(pending) + Millis(running);
        steps = [.. PhaseTimeline.Build(end, createdTicks, TimeSpan.Zero, TimeSpan.FromTicks(Millis(pending)), settledTicks)];
        events = BuildEvents(name + "-0", createdTicks, StartedTicks, settledTicks, pending > TimeSpan.Zero, end);
    }

    public string Name { get; }

    public long CreatedTicks => steps[0].Ticks;

    private long StartedTicks => steps[^2].Ticks;

    private long SettledTicks => steps[^1].Ticks;

    /// <summary>The phase steps that have happened by <paramref name="now"/>, oldest first (its creation at least).</summary>
    public IReadOnlyList<PhaseStep> StepsAt(long now) => new ArraySegment<PhaseStep>(steps, 0, Math.Max(1, Happened(steps.Length, k => steps[k].Ticks, now)));

    /// <summary>How many events have happened by <paramref name="now"/>.</summary>
    public int EventCountAt(long now) => Happened(events.Length, k => events[k].Ticks, now);

    /// <summary>Event <paramref name="j"/>, oldest first (it must have happened).</summary>
    public LiveEvent Event(int j) => events[j];

    /// <summary>The workload's stored facts as they are at <paramref name="now"/>.</summary>
    public WorkloadCore CoreAt(long now)
    {
        var happened = StepsAt(now);
        var phase = happened[^1].Phase;
        var held = phase.IsRunning() || phase.IsTerminal();
        return new WorkloadCore
        {
            Type = WorkloadType.Training,
            Phase = phase,
            Project = project,
            Cluster = (byte)(project % 3),
            NodepoolRequested = 0,
            NodepoolCurrent = held ? (byte)0 : WorkloadCore.NoNodepool,
            PodCount = 1,
            EventCount = (byte)EventCountAt(now),
            Priority = WorkloadType.Training.Priority(),
            PendingSec = Seconds(Math.Min(now, StartedTicks) - CreatedTicks),
            RunningSec = now < StartedTicks ? 0 : Seconds(Math.Min(now, SettledTicks) - StartedTicks),
            RequestedGpu = 1,
            AllocatedGpu = phase.IsRunning() ? 1 : 0,
            CreatedTicks = CreatedTicks,
            PhaseUpdatedTicks = happened[^1].Ticks,
            CompletedTicks = phase.IsTerminal() ? SettledTicks : 0,
        };
    }

    /// <summary>
    /// Created and waiting for GPUs, then the usual start-up events when it is scheduled, then the event that ends it.
    /// Times ascend (events at the same time keep their order).
    /// </summary>
    private static LiveEvent[] BuildEvents(string pod, long created, long started, long settled, bool waits, WorkloadPhase end)
    {
        var list = new List<LiveEvent> { new(created, "Normal", "SuccessfulCreate", "Created pod: " + pod) };
        if (waits)
        {
            list.Add(new(created, "Warning", "FailedScheduling", "0/12 nodes are available: insufficient nvidia.com/gpu"));
        }

        (string Reason, string Message)[] startup =
        [
            ("Scheduled", "Successfully assigned " + pod + " to node-a-01"),
            ("Pulling", "Pulling image \"" + Vocabulary.ImageFor(WorkloadType.Training, 0) + "\""),
            ("Pulled", "Successfully pulled image \"" + Vocabulary.ImageFor(WorkloadType.Training, 0) + "\""),
            ("Created", "Created container main"),
            ("Started", "Started container main"),
        ];
        var spacing = Math.Min(StartupEventSpacing, (settled - started) / (startup.Length + 1));
        for (var k = 0; k < startup.Length; k++)
        {
            var at = (started + (spacing * k)) / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond;
            list.Add(new(at, "Normal", startup[k].Reason, startup[k].Message));
        }

        list.Add(end == WorkloadPhase.Failed
            ? new(settled, "Warning", "BackOff", "Back-off restarting failed container: exit code 1")
            : new(settled, "Normal", "Completed", "Job completed"));
        return [.. list];
    }

    /// <summary>The number of leading items (ascending times) at or before <paramref name="now"/>.</summary>
    private static int Happened(int count, Func<int, long> ticks, long now)
    {
        var n = 0;
        while (n < count && ticks(n) <= now)
        {
            n++;
        }

        return n;
    }

    private static long Millis(TimeSpan span) => span.Ticks / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond;

    private static int Seconds(long ticks) => (int)Math.Max(0, ticks / TimeSpan.TicksPerSecond);
}
