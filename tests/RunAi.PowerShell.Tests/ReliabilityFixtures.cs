using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using RunAi.Simulator;
using Xunit;

namespace RunAi.PowerShell.Tests;

/// <summary>A simulator whose default list holds exactly 20,000 workloads (deleted ones excluded).</summary>
public sealed class TwentyThousandWorkloadsFixture : SimulatorFixture, IAsyncLifetime
{
    public const int Listed = 20_000;

    private static readonly DateTimeOffset Reference = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);

    async Task IAsyncLifetime.InitializeAsync()
    {
        // Deletion is decided per index, so a probe tells how many generated workloads give exactly 20,000 listed ones.
        int count;
        await using (var probe = await SimulatorHost.StartAsync(new SimulatorOptions { WorkloadCount = Listed * 6 / 5, ReferenceTime = Reference }))
        {
            var active = Enumerable.Range(0, probe.Data.WorkloadCount).Where(i => !probe.Data.IsDeleted(i)).ToList();
            Assert.True(active.Count >= Listed, $"the probe listed only {active.Count}");
            count = active[Listed - 1] + 1;
        }

        await StartAsync(new SimulatorOptions { WorkloadCount = count, ReferenceTime = Reference });
    }
}

/// <summary>Helpers shared by the reliability tests: secrets, tokens, closed ports, error text.</summary>
internal static class Reliability
{
    /// <summary>Gets an access token from the simulator's token endpoint, as a user would with their own tooling.</summary>
    public static async Task<string> IssueTokenAsync(SimulatorHost simulator)
    {
        using var http = new HttpClient { BaseAddress = simulator.BaseUri };
        var body = JsonSerializer.Serialize(new { grantType = "client_credentials", clientId = simulator.Options.ClientId, clientSecret = simulator.Options.ClientSecret });
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri("api/v1/token", UriKind.Relative), content);
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("accessToken").GetString()!;
    }

    /// <summary>A loopback port nothing listens on (bound, then released).</summary>
    public static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Every text an error record carries: message, details, advice, target, the exception chain and its ToString().</summary>
    public static IEnumerable<string> TextOf(ErrorRecord error)
    {
        yield return error.ToString();
        yield return error.FullyQualifiedErrorId;
        yield return error.CategoryInfo.ToString();
        yield return error.ErrorDetails?.Message ?? string.Empty;
        yield return error.ErrorDetails?.RecommendedAction ?? string.Empty;
        yield return error.TargetObject?.ToString() ?? string.Empty;
        yield return error.ScriptStackTrace ?? string.Empty;
        for (var e = error.Exception; e != null; e = e.InnerException)
        {
            yield return e.Message;
            yield return e.ToString();
            foreach (var property in e.GetType().GetProperties())
            {
                if (property.GetIndexParameters().Length == 0 && property.Name != nameof(Exception.TargetSite))
                {
                    object? value;
                    try
                    {
                        value = property.GetValue(e);
                    }
                    catch (System.Reflection.TargetInvocationException)
                    {
                        continue;
                    }

                    yield return property.Name + "=" + value;
                }
            }
        }
    }

    /// <summary>
    /// Every readable public property value reachable from <paramref name="root"/> (depth-limited, cycles cut),
    /// rendered as text, with the object's own ToString().
    /// </summary>
    public static List<string> Walk(object? root, int depth = 5)
    {
        var texts = new List<string>();
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        Visit(root, depth);
        return texts;

        void Visit(object? value, int left)
        {
            if (value is null)
            {
                return;
            }

            if (value is PSObject ps)
            {
                foreach (var property in ps.Properties)
                {
                    object? inner;
                    try
                    {
                        inner = property.Value;
                    }
                    catch (GetValueInvocationException)
                    {
                        continue;
                    }

                    texts.Add(property.Name + "=" + inner);
                    Visit(inner, left - 1);
                }

                value = ps.BaseObject;
            }

            texts.Add(value.ToString() ?? string.Empty);
            var type = value.GetType();
            if (left <= 0 || type.IsPrimitive || value is string || value is Guid || value is DateTimeOffset || value is DateTime || value is Uri || type.IsEnum || !seen.Add(value))
            {
                return;
            }

            if (value is System.Collections.IEnumerable items)
            {
                var n = 0;
                foreach (var item in items)
                {
                    Visit(item, left - 1);
                    if (++n > 50)
                    {
                        break;
                    }
                }
            }

            foreach (var property in type.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance))
            {
                if (property.GetIndexParameters().Length > 0 || !property.CanRead)
                {
                    continue;
                }

                object? inner;
                try
                {
                    inner = property.GetValue(value);
                }
                catch (System.Reflection.TargetInvocationException)
                {
                    continue;
                }

                texts.Add(property.Name + "=" + inner);
                Visit(inner, left - 1);
            }
        }
    }
}
