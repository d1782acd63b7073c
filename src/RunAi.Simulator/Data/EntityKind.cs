namespace RunAi.Simulator.Data;

/// <summary>
/// What a generated id or random stream belongs to. The kind is written into every id, so ids of different kinds never
/// collide and an id can be checked against the kind a route expects; it also seeds each kind's random stream.
/// The numbers are part of every generated id: changing one changes the whole data set.
/// </summary>
internal enum EntityKind
{
    Cluster = 1,
    Workload = 2,
    Revision = 3,
    Pod = 4,
    Event = 5,
    RevisionEvent = 6,
    Element = 7,
    ClusterEvent = 8,
    Datasource = 9,
    Environment = 10,
    KubernetesUid = 11,

    /// <summary>The stream a workload's core facts (type, phase, times, sizes) are drawn from.</summary>
    WorkloadCore = 13,

    /// <summary>The stream of details only the JSON shows (source, arguments, placement).</summary>
    WorkloadDetail = 20,
}
