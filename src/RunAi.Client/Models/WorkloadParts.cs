using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json.Serialization;
using RunAi.Client.Json;

namespace RunAi.Client.Models
{
    public sealed class WorkloadRequestResources : RunAiObject
    {
        public string? GpuRequestType { get; set; }
        public ResourceCores? Gpu { get; set; }
        public ResourceQuantity? GpuMemory { get; set; }
        public ResourceCores? Cpu { get; set; }
        public ResourceQuantity? CpuMemory { get; set; }
        [JsonConverter(typeof(NullableItemsConverter<ValueList<ExtendedResource>, ExtendedResource>))]
        public ValueList<ExtendedResource>? ExtendedResources { get; set; }

        public override string ToString() => $"gpu={Gpu} gpuMemory={GpuMemory} cpu={Cpu} cpuMemory={CpuMemory}";
    }

    public sealed class ResourceCores : RunAiObject
    {
        public double? Request { get; set; }
        public double? Limit { get; set; }

        public override string ToString() => Limit is null
            ? Convert.ToString(Request, CultureInfo.InvariantCulture) ?? string.Empty
            : $"{Convert.ToString(Request, CultureInfo.InvariantCulture)}/{Convert.ToString(Limit, CultureInfo.InvariantCulture)}";
    }

    public sealed class ResourceQuantity : RunAiObject
    {
        public string? Request { get; set; }
        public string? Limit { get; set; }

        public override string ToString() => Limit is null ? Request ?? string.Empty : $"{Request}/{Limit}";
    }

    public sealed class ExtendedResource : RunAiObject
    {
        public string? Resource { get; set; }
        public string? Quantity { get; set; }
        public bool? Exclude { get; set; }

        public override string ToString() => $"{Resource}={Quantity}";
    }

    public sealed class WorkloadAllocatedResources : RunAiObject
    {
        public double? Gpu { get; set; }
        public string? GpuMemory { get; set; }
        public double? Cpu { get; set; }
        public string? CpuMemory { get; set; }
        [JsonConverter(typeof(NullableItemsConverter<ValueList<ExtendedResource>, ExtendedResource>))]
        public ValueList<ExtendedResource>? ExtendedResources { get; set; }

        public override string ToString() => string.Format(CultureInfo.InvariantCulture, "gpu={0} gpuMemory={1} cpu={2} cpuMemory={3}", Gpu, GpuMemory, Cpu, CpuMemory);
    }

    public sealed class ActionsSupport : RunAiObject
    {
        public bool? Delete { get; set; }
        public bool? Suspend { get; set; }

        public override string ToString() => $"delete={Delete} suspend={Suspend}";
    }

    public sealed class Condition : RunAiObject
    {
        public string Type { get; set; } = string.Empty;
        public string Status { get; set; } = string.Empty;
        public string? Message { get; set; }
        public string? Reason { get; set; }
        public DateTimeOffset? LastTransitionTime { get; set; }

        public override string ToString() => $"{Type}={Status}";
    }

    public sealed class RequestedPods : RunAiObject
    {
        public int? Number { get; set; }
        public int? Min { get; set; }
        public int? Max { get; set; }
        public int? Parallelism { get; set; }
        public int? Completions { get; set; }

        public override string ToString() => Convert.ToString(Number, CultureInfo.InvariantCulture) ?? string.Empty;
    }

    public sealed class ChildReference : RunAiObject
    {
        public Guid Id { get; set; }
        public string? Type { get; set; }

        public override string ToString() => Id.ToString();
    }

    public sealed class Datasource : RunAiObject
    {
        public Guid Id { get; set; }
        public string Name { get; set; } = string.Empty;
        public string? Type { get; set; }

        public override string ToString() => Name;
    }

    public sealed class WorkloadEnvironment : RunAiObject
    {
        public Guid Id { get; set; }
        public string Name { get; set; } = string.Empty;
        public string? ReplicaType { get; set; }
        public ValueList<Connection>? Connections { get; set; }

        public override string ToString() => Name;
    }

    public sealed class Connection : RunAiObject
    {
        public string Name { get; set; } = string.Empty;
        public string? ToolType { get; set; }
        public string? ConnectionType { get; set; }
        public string? Url { get; set; }
        public string? AuthorizationType { get; set; }
        public ValueList<string>? AuthorizedUsers { get; set; }
        public ValueList<string>? AuthorizedGroups { get; set; }
        public int? ContainerPort { get; set; }

        public override string ToString() => Url ?? Name;
    }

    public sealed class WorkloadTopology : RunAiObject
    {
        public string? Name { get; set; }
        public string? PreferredPlacement { get; set; }
        public string? RequiredPlacement { get; set; }
        public TopologyPlacement? ActualPlacement { get; set; }

        public override string ToString() => Name ?? string.Empty;
    }

    public sealed class TopologyPlacement : RunAiObject
    {
        public string? Level { get; set; }
        public string? Value { get; set; }

        public override string ToString() => $"{Level}={Value}";
    }

    /// <summary>A network endpoint of a workload (schema <c>Endpoint</c>).</summary>
    public sealed class WorkloadEndpoint : RunAiObject, IListedItem
    {
        /// <summary>The workload the endpoint was listed for (set by the client; null inside a workload object).</summary>
        [System.Text.Json.Serialization.JsonIgnore]
        public Guid? WorkloadId { get; set; }

        void IListedItem.SetListedFor(ListedFor listedFor) => WorkloadId = listedFor.WorkloadId;

        public string? Host { get; set; }
        public int? Port { get; set; }
        public string? Path { get; set; }
        public bool? TlsEnabled { get; set; }
        public string? Protocol { get; set; }
        public string? Url { get; set; }

        public override string ToString() => Url ?? Host ?? string.Empty;
    }

    public sealed class PendingSchedulingMessage : RunAiObject
    {
        public string NodePool { get; set; } = string.Empty;
        public string PhaseReason { get; set; } = string.Empty;
        public string Reason { get; set; } = string.Empty;
        public string? OrgType { get; set; }
        public string? UserMessage { get; set; }

        public override string ToString() => $"{NodePool}: {Reason}";
    }
}
