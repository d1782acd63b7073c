using System.Globalization;
using System.Text.Json;
using RunAi.Simulator.Data;

namespace RunAi.Simulator.Json;

/// <summary>Writes events and history records of a workload (r &lt; 0) or of its revision r.</summary>
internal static class EventJson
{
    private static readonly string[] StartReasons = ["Scheduled", "Pulling", "Pulled", "Created", "Started", "SuccessfulCreate"];

    /// <summary>Event j (ascending time order): the usual start-up events, with a first or last event that fits the phase.</summary>
    public static void Write(Utf8JsonWriter w, SimulatorData data, int i, int r, int j)
    {
        ref readonly var c = ref data.Core(i);
        var id = r < 0 ? data.MakeId(EntityKind.Event, i, j) : data.MakeId(EntityKind.RevisionEvent, i, (r * 64) + j);
        var objectName = r < 0 ? data.WorkloadName(i) + "-0" : data.Revisions.Name(i, r) + "-deployment-0";
        var last = j == data.Events.Count(i, r) - 1;
        var (type, reason, message) = data.Live(i) is { } live ? LiveText(live.Event(j)) : (c.Phase, j) switch
        {
            (WorkloadPhase.Pending, 0) => ("Warning", "FailedScheduling", "0/12 nodes are available: insufficient nvidia.com/gpu"),
            (WorkloadPhase.Failed, _) when last => ("Warning", "BackOff", "Back-off restarting failed container"),
            (WorkloadPhase.Completed, _) when last => ("Normal", "Completed", "Job completed"),
            (WorkloadPhase.Stopped, _) when last => ("Normal", "Killing", "Stopping container"),
            _ => ("Normal", StartReasons[j % StartReasons.Length], StartMessage(StartReasons[j % StartReasons.Length], c, i, j, objectName)),
        };
        w.WriteStartObject();
        IsoTime.Write(w, "createdAt", data.Events.Time(i, r, j));
        w.WriteString("id", id);
        w.WriteString("type", type);
        w.WriteString("clusterId", data.ClusterId(c.Cluster));
        w.WriteString("message", message);
        w.WriteString("reason", reason);
        w.WriteString("source", reason is "FailedScheduling" or "Scheduled" ? "runai-scheduler" : "kubelet");
        w.WriteStartObject("involvedObject");
        w.WriteString("uid", data.MakeId(EntityKind.KubernetesUid, i, r + 1));
        w.WriteString("kind", "Pod");
        w.WriteString("name", objectName);
        w.WriteString("namespace", c.Namespace);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>A history record: an event, or a phase update of the owner's timeline.</summary>
    public static void WriteHistoryRecord(Utf8JsonWriter w, SimulatorData data, int i, int r, HistoryEntry entry)
    {
        w.WriteStartObject();
        w.WriteStartObject("meta");
        IsoTime.Write(w, "creationTimestamp", entry.Ticks);
        w.WriteString("type", entry.IsEvent ? "Event" : "PhaseUpdate");
        w.WriteEndObject();
        w.WriteStartObject("spec");
        if (entry.IsEvent)
        {
            w.WritePropertyName("event");
            Write(w, data, i, r, entry.Index);
        }
        else
        {
            var phase = data.Events.Timeline(i, r)[entry.Index].Phase;
            w.WriteStartObject("phaseUpdate");
            w.WriteString("phase", phase.Name());
            w.WriteString("phaseMessage", phase.Message());
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static (string Type, string Reason, string Message) LiveText(LiveEvent e) => (e.Type, e.Reason, e.Message);

    private static string StartMessage(string reason, in WorkloadCore c, int i, int j, string objectName) => reason switch
    {
        "Scheduled" => "Successfully assigned " + objectName + " to node-" + (j + c.Cluster).ToString(CultureInfo.InvariantCulture),
        "Pulling" => "Pulling image \"" + Vocabulary.ImageFor(c.Type, i) + "\"",
        "Pulled" => "Successfully pulled image \"" + Vocabulary.ImageFor(c.Type, i) + "\"",
        "Created" => "Created container main",
        "Started" => "Started container main",
        _ => "Created pod: " + objectName,
    };
}
