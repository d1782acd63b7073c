using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using RunAi.Client.Json;

namespace RunAi.Client.Models
{
    /// <summary>
    /// Base of every object the API returns. Fields this version of the module does not know are kept,
    /// so a newer server never breaks an older module and nothing the server sent is lost.
    /// </summary>
    public abstract class RunAiObject
    {
        private static readonly IReadOnlyDictionary<string, object?> Empty = new ValueMap<object?>();

        // JsonElement is a System.Text.Json type; it stays internal so no third-party type reaches the pipeline.
        [JsonExtensionData]
        [JsonInclude]
        internal Dictionary<string, JsonElement>? UnknownFields { get; set; }

        /// <summary>Fields the server sent that this module has no property for, as plain .NET values.</summary>
        [JsonIgnore]
        public IReadOnlyDictionary<string, object?> AdditionalData =>
            UnknownFields is null ? Empty : PlainJson.ToDictionary(UnknownFields);
    }
}
