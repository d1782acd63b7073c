using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RunAi.Client;
using RunAi.Client.Authentication;
using RunAi.Simulator;
using Xunit;

namespace RunAi.Client.Tests;

/// <summary>A simulator per test class, and clients for it with fast retries.</summary>
public sealed class ClientFixture : IAsyncLifetime
{
    public SimulatorHost Simulator { get; private set; } = null!;

    /// <summary>Retry-After 0 keeps retried calls fast; <see cref="Reset"/> returns to these start values.</summary>
    public async Task InitializeAsync() => Simulator = await SimulatorHost.StartAsync(new SimulatorOptions { WorkloadCount = 1200, RetryAfterSeconds = 0 });

    public async Task DisposeAsync() => await Simulator.DisposeAsync();

    public void Reset() => Simulator.ResetKnobs();

    public RunAiClient TokenClient(Action<RunAiClientOptions>? configure = null) =>
        Create(new RunAiTokenCredential(Simulator.Options.StaticToken), configure);

    public RunAiClient SecretClient(Action<RunAiClientOptions>? configure = null) =>
        Create(new RunAiClientCredential(Simulator.Options.ClientId, Simulator.Options.ClientSecret), configure);

    public RunAiClient Create(RunAiCredential credential, Action<RunAiClientOptions>? configure = null)
    {
        var options = new RunAiClientOptions(Simulator.BaseUri, credential)
        {
            RetryDelay = TimeSpan.FromMilliseconds(10),
            MaxRetryDelay = TimeSpan.FromMilliseconds(50),
        };
        configure?.Invoke(options);
        return new RunAiClient(options);
    }

    public IReadOnlyList<RecordedRequest> Requests(string path) => Simulator.Requests.Where(r => r.Path == path).ToList();

    public static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source, CancellationToken cancellationToken = default)
    {
        var list = new List<T>();
        await foreach (var item in source.WithCancellation(cancellationToken))
        {
            list.Add(item);
        }

        return list;
    }
}
