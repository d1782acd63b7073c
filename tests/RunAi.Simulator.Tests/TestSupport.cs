using System;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace RunAi.Simulator.Tests;

/// <summary>One simulator shared by read-only tests (2,345 workloads).</summary>
public sealed class SharedSimulator : IAsyncLifetime
{
    public SimulatorHost Host { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await SimulatorHost.StartAsync(new SimulatorOptions { WorkloadCount = 2345, Seed = 7 });
        Client = Http.For(Host);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
    }
}

[CollectionDefinition("shared")]
public sealed class SharedSimulatorGroup : ICollectionFixture<SharedSimulator>
{
}

public static class Http
{
    public static HttpClient For(SimulatorHost host, string? token = null)
    {
        var client = new HttpClient { BaseAddress = host.BaseUri, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token ?? host.Options.StaticToken);
        return client;
    }

    public static async Task<(int Status, string Body, HttpResponseMessage Response)> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(new Uri(url.TrimStart('/'), UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, body, response);
    }

    public static async Task<JsonElement> GetJsonAsync(HttpClient client, string url, int expected = 200)
    {
        var (status, body, _) = await GetAsync(client, url);
        Assert.True(status == expected, $"GET {url} → {status}: {body}");
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.Clone();
    }

    public static void AssertRunAiError(string body, int code)
    {
        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        Assert.Equal(code, root.GetProperty("code").GetInt32());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("message").GetString()));
        Assert.Equal(JsonValueKind.String, root.GetProperty("details").ValueKind);
        var errors = OpenApiDocs.Validate(OpenApiDocs.ComponentSchema("workloads.json", "Error"), body);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    public static string[] Ids(JsonElement array) => array.EnumerateArray().Select(e => e.GetProperty("id").GetString()!).ToArray();
}
