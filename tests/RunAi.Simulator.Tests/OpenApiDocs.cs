using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using NJsonSchema;
using NJsonSchema.Generation;
using NJsonSchema.Infrastructure;
using RunAi.Tests;

namespace RunAi.Simulator.Tests;

/// <summary>An operation read from an OpenAPI document.</summary>
public sealed record OpenApiOperation(string Document, string Path, string OperationId, IReadOnlyList<OpenApiParameter> Parameters, IReadOnlyDictionary<string, string> ResponseSchemaJson);

public sealed record OpenApiParameter(string Name, string In, bool Required);

/// <summary>Loads the documents of <see cref="OpenApiFolder"/> and turns response schemas into NJsonSchema validators (OpenAPI 3 mode, so nullable is honoured).</summary>
public static class OpenApiDocs
{
    private static readonly ConcurrentDictionary<string, JsonSchema> Schemas = new();

    public static readonly string[] Files = ["workloads.json", "events.json", "revisions.json", "pods.json"];

    public static JsonObject Load(string file) => JsonNode.Parse(File.ReadAllText(Path.Combine(OpenApiFolder.FullPath, file)))!.AsObject();

    public static IReadOnlyList<OpenApiOperation> Operations()
    {
        var list = new List<OpenApiOperation>();
        foreach (var file in Files)
        {
            var doc = Load(file);
            foreach (var (path, item) in doc["paths"]!.AsObject())
            {
                foreach (var (method, opNode) in item!.AsObject())
                {
                    if (method != "get")
                    {
                        continue;
                    }

                    var op = opNode!.AsObject();
                    var parameters = new List<OpenApiParameter>();
                    foreach (var p in op["parameters"]?.AsArray() ?? [])
                    {
                        var resolved = Resolve(doc, p!);
                        parameters.Add(new OpenApiParameter((string)resolved["name"]!, (string)resolved["in"]!, (bool?)resolved["required"] ?? false));
                    }

                    var schemas = new Dictionary<string, string>();
                    foreach (var (code, response) in op["responses"]!.AsObject())
                    {
                        var r = Resolve(doc, response!);
                        var schema = r["content"]?["application/json"]?["schema"];
                        if (schema is not null)
                        {
                            schemas[code] = schema.ToJsonString();
                        }
                    }

                    list.Add(new OpenApiOperation(file, path, (string)op["operationId"]!, parameters, schemas));
                }
            }
        }

        return list;
    }

    private static JsonNode Resolve(JsonObject doc, JsonNode node)
    {
        while (node is JsonObject o && o["$ref"] is JsonValue r)
        {
            var pointer = ((string)r!).TrimStart('#', '/').Split('/');
            JsonNode current = doc;
            foreach (var part in pointer)
            {
                current = current[part]!;
            }

            node = current;
        }

        return node;
    }

    /// <summary>A validator for a schema fragment of a document; <c>#/components/schemas/X</c> refs are rewritten to <c>#/definitions/X</c>.</summary>
    public static JsonSchema Schema(string file, string schemaJson)
    {
        return Schemas.GetOrAdd(file + "\n" + schemaJson, _ =>
        {
            var doc = Load(file);
            var root = JsonNode.Parse(schemaJson)!.AsObject();
            root["definitions"] = doc["components"]!["schemas"]!.DeepClone();
            var json = root.ToJsonString().Replace("#/components/schemas/", "#/definitions/", StringComparison.Ordinal);
            return JsonSchemaSerialization.FromJsonAsync<JsonSchema>(
                json,
                SchemaType.OpenApi3,
                null,
                s => new JsonReferenceResolver(new JsonSchemaAppender(s, new DefaultTypeNameGenerator())),
                JsonSchema.CreateJsonSerializerContractResolver(SchemaType.OpenApi3),
                System.Threading.CancellationToken.None).GetAwaiter().GetResult();
        });
    }

    public static JsonSchema ComponentSchema(string file, string name) => Schema(file, "{\"$ref\":\"#/components/schemas/" + name + "\"}");

    /// <summary>Validation errors as text (empty when valid).</summary>
    public static IReadOnlyList<string> Validate(JsonSchema schema, string json)
        => schema.Validate(json, SchemaType.OpenApi3).Select(e => e.ToString()).ToList();
}
