using System;
using System.Globalization;
using System.Text.Json;
using RunAi.Simulator.Data;

namespace RunAi.Simulator.Json;

/// <summary>Writes structure element k of a workload: a three-level tree (LeaderWorkerSets, StatefulSets, Pods).</summary>
internal static class ElementJson
{
    public static void Write(Utf8JsonWriter w, SimulatorData data, int i, int k)
    {
        ref readonly var c = ref data.Core(i);
        var (level, parent) = Shape(c.ElementCount, k);
        var kind = level switch { 1 => "LeaderWorkerSet", 2 => "StatefulSet", _ => "Pod" };
        w.WriteStartObject();
        w.WriteString("id", data.MakeId(EntityKind.Element, i, k));
        w.WriteString("name", data.WorkloadName(i) + "-" + kind.ToLowerInvariant() + "-" + k.ToString(CultureInfo.InvariantCulture));
        w.WriteNumber("hierarchyLevel", level);
        if (parent < 0)
        {
            w.WriteNull("parentId");
        }
        else
        {
            w.WriteString("parentId", data.MakeId(EntityKind.Element, i, parent));
        }

        IsoTime.Write(w, "createdAt", Math.Min(data.RefTicks, c.CreatedTicks + (k * TimeSpan.TicksPerSecond)));
        if (k % 5 == 4)
        {
            w.WriteNull("kubernetesRef");
        }
        else
        {
            w.WriteStartObject("kubernetesRef");
            w.WriteString("uid", data.MakeId(EntityKind.KubernetesUid, i, 1000 + k).ToString());
            w.WriteString("name", data.WorkloadName(i) + "-" + k.ToString(CultureInfo.InvariantCulture));
            w.WriteStartObject("gvk");
            w.WriteString("group", level == 3 ? string.Empty : "apps");
            w.WriteString("version", "v1");
            w.WriteString("kind", kind);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    /// <summary>Level (1–3) and parent index (-1 for roots) of element k of n: a sixth are roots, a third their children.</summary>
    private static (int Level, int Parent) Shape(int n, int k)
    {
        var l1 = Math.Max(1, n / 6);
        var l2 = n > 1 ? Math.Max(0, Math.Min(n - l1, n / 3)) : 0;
        if (k < l1)
        {
            return (1, -1);
        }

        if (k < l1 + l2)
        {
            return (2, (k - l1) % l1);
        }

        return l2 > 0 ? (3, l1 + ((k - l1 - l2) % l2)) : (2, (k - l1) % l1);
    }
}
