using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using RunAi.Client.Http;
using RunAi.Client.Json;
using Xunit;

namespace RunAi.Client.Tests;

/// <summary>What the response reader blames on the server's answer (InvalidResponse) and what it lets through as the client's own bug.</summary>
public sealed class ResponseReaderTests
{
    private static readonly JsonSerializerOptions Reflection = new() { TypeInfoResolver = new DefaultJsonTypeInfoResolver(), PropertyNameCaseInsensitive = true };

    [Theory]
    [InlineData("{\"workloads\":[{\"id\":\"not-a-guid\"}]}")]
    [InlineData("{\"workloads\":[{\"createdAt\":\"2026-13-45T99:99:99Z\"}]}")]
    [InlineData("{\"workloads\":[{\"priority\":99999999999999999999}]}")]
    [InlineData("{\"workloads\":{}}")]
    public async Task A_body_the_JSON_layer_cannot_read_is_an_InvalidResponse_naming_the_call(string body)
    {
        var failure = await Assert.ThrowsAsync<RunAiApiException>(() => ReadAsync(RunAiJsonContext.Default.WorkloadsPage, body));

        Assert.Equal(RunAiFailureKind.InvalidResponse, failure.Kind);
        Assert.IsAssignableFrom<JsonException>(failure.InnerException);
        Assert.StartsWith("GET /api/v1/things answered 200 OK", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreadable_value_keeps_System_Text_Json_whole_message_with_the_type_and_the_JSON_path()
    {
        var body = "{\"workloads\":[" + string.Join(",", Enumerable.Range(0, 3).Select(_ => "{\"id\":\"" + Guid.NewGuid() + "\"}")) +
            ",{\"createdAt\":\"yesterday\"}]}";

        var failure = await Assert.ThrowsAsync<RunAiApiException>(() => ReadAsync(RunAiJsonContext.Default.WorkloadsPage, body));

        var json = Assert.IsAssignableFrom<JsonException>(failure.InnerException);
        Assert.Equal("$.workloads[3].createdAt", json.Path);
        Assert.Contains("$.workloads[3].createdAt", failure.Message, StringComparison.Ordinal);
        Assert.Contains("DateTimeOffset", failure.Message, StringComparison.Ordinal);
        Assert.Contains(json.Message.TrimEnd('.'), failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_converters_own_message_gets_the_JSON_path_added()
    {
        var failure = await Assert.ThrowsAsync<RunAiApiException>(() => ReadAsync(RunAiJsonContext.Default.WorkloadsPage, "{\"workloads\":{}}"));

        var json = Assert.IsAssignableFrom<JsonException>(failure.InnerException);
        Assert.False(string.IsNullOrEmpty(json.Path));
        Assert.Contains(json.Path!, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_cut_short_within_its_own_length_is_an_InvalidResponse_that_says_it_stopped_early()
    {
        // A body read here did not come through the retry handler; through it, this is retried first (BodyFaultTests).
        var failure = await Assert.ThrowsAsync<RunAiApiException>(() => ReadAsync(RunAiJsonContext.Default.WorkloadsPage, "{\"workloads\":[{\"id\":"));

        Assert.Equal(RunAiFailureKind.InvalidResponse, failure.Kind);
        Assert.Equal(200, failure.StatusCode);
        Assert.StartsWith("GET /api/v1/things answered 200 OK, but the body's JSON stopped before it was complete", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_value_of_the_wrong_kind_reported_by_System_Text_Json_itself_is_an_InvalidResponse()
    {
        var info = (JsonTypeInfo<WithNumberInside>)Reflection.GetTypeInfo(typeof(WithNumberInside));

        var failure = await Assert.ThrowsAsync<RunAiApiException>(() => ReadAsync(info, "{\"value\":\"text, not a number\"}"));

        Assert.Equal(RunAiFailureKind.InvalidResponse, failure.Kind);
        Assert.IsAssignableFrom<JsonException>(failure.InnerException);
    }

    [Theory]
    [InlineData("null", typeof(NullReferenceException))]
    [InlineData("index", typeof(IndexOutOfRangeException))]
    [InlineData("key", typeof(System.Collections.Generic.KeyNotFoundException))]
    [InlineData("invalid", typeof(InvalidOperationException))]
    [InlineData("format", typeof(FormatException))]
    [InlineData("cast", typeof(InvalidCastException))]
    public async Task The_clients_own_bug_while_reading_surfaces_as_itself_not_as_the_servers_invalid_answer(string value, Type expected)
    {
        var info = (JsonTypeInfo<Buggy>)Reflection.GetTypeInfo(typeof(Buggy));

        var thrown = await Record.ExceptionAsync(() => ReadAsync(info, "{\"value\":\"" + value + "\"}"));

        Assert.IsType(expected, thrown);
    }

    private static async Task<T> ReadAsync<T>(JsonTypeInfo<T> info, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("http://127.0.0.1/api/v1/things?limit=1"));
        using var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json"), RequestMessage = request };
        return await ApiResponseReader.ReadAsync(response, request, info, new ReadLimits(1024 * 1024, TimeSpan.FromSeconds(10)), CancellationToken.None);
    }

    /// <summary>A model whose code has the bugs careless model code has: it throws while a valid answer is read.</summary>
    public sealed class Buggy
    {
        private string? _value;

        public string? Value
        {
            get => _value;
            set
            {
                _value = value;
                switch (value)
                {
#pragma warning disable CA2201 // Deliberately what buggy model code ends up throwing.
                    case "null": throw new NullReferenceException("a bug");
                    case "index": throw new IndexOutOfRangeException("a bug");
#pragma warning restore CA2201
                    case "key": throw new System.Collections.Generic.KeyNotFoundException("a bug");
                    case "invalid": throw new InvalidOperationException("a bug");
                    case "format": throw new FormatException("a bug");
                    case "cast": throw new InvalidCastException("a bug");
                }
            }
        }
    }

    /// <summary>A converter that asks System.Text.Json for a number, which it refuses for a string.</summary>
    public sealed class WithNumberInside
    {
        [JsonConverter(typeof(NumberElementConverter))]
        public int Value { get; set; }
    }

    public sealed class NumberElementConverter : JsonConverter<int>
    {
        public override int Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using var document = JsonDocument.ParseValue(ref reader);
            return document.RootElement.GetInt32();
        }

        public override void Write(Utf8JsonWriter writer, int value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
    }
}
