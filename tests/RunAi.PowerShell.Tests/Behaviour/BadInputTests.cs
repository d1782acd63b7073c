using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using RunAi.Simulator;
using Xunit;

namespace RunAi.PowerShell.Tests;

/// <summary>One case of bad input: what the user types, what the server does, and the error a script can match on.</summary>
public sealed record BadInput(
    string Script,
    string ErrorId,
    ErrorCategory Category,
    Action<SimulatorHost>? Arrange = null,
    bool Connect = true,
    string ConnectExtra = "-MaxRetryCount 0",
    string? Target = null,
    string? MessageContains = null,
    int ItemsBeforeTheError = 0);

/// <summary>
/// Bad input is refused clearly: a stable ErrorId, the right category, the failed input as target, and no output but
/// the items received before the error (a page whose next is wrong still delivers its own items).
/// </summary>
[Collection("engine")]
public sealed class BadInputTests : EngineTests<WithTlsSimulatorFixture>
{
    private const string Html502 = "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr><center>nginx</center></body></html>";
    private static readonly Guid Missing = Guid.Parse("0badf00d-0000-4000-8000-000000000001");

    private static readonly Dictionary<string, BadInput> Table = new()
    {
        // Refused at binding, before any request.
        ["malformed guid"] = new("Get-RunAiWorkload -Id 'nope'", "CannotConvertArgumentNoMessage", ErrorCategory.InvalidArgument),
        ["malformed guid in an array"] = new("Get-RunAiWorkload -Id ([guid]::NewGuid()),'not-a-guid'", "CannotConvertArgumentNoMessage", ErrorCategory.InvalidArgument),
        ["malformed workload id for events"] = new("Get-RunAiWorkloadEvent -WorkloadId '1234'", "CannotConvertArgumentNoMessage", ErrorCategory.InvalidArgument),
        ["page size 0"] = new("Get-RunAiWorkload -PageSize 0", "ParameterArgumentValidationError", ErrorCategory.InvalidData),
        ["page size 501"] = new("Get-RunAiWorkload -PageSize 501", "ParameterArgumentValidationError", ErrorCategory.InvalidData),
        ["filter without operator"] = new("Get-RunAiWorkload -Filter 'phase'", "ParameterArgumentValidationError", ErrorCategory.InvalidData),
        ["filter with unknown field"] = new("Get-RunAiWorkload -Filter 'color==red'", "ParameterArgumentValidationError", ErrorCategory.InvalidData),
        ["filter with wrong-case field"] = new("Get-RunAiWorkload -Filter 'Phase==Running'", "ParameterArgumentValidationError", ErrorCategory.InvalidData),
        ["filter with unknown operator"] = new("Get-RunAiWorkload -Filter 'phase~=Running'", "ParameterArgumentValidationError", ErrorCategory.InvalidData),
        ["filter without value"] = new("Get-RunAiWorkload -Filter 'phase=='", "ParameterArgumentValidationError", ErrorCategory.InvalidData),
        ["eleven filters"] = new("Get-RunAiWorkload -Filter (1..11 | ForEach-Object { \"allocatedGPU>=$_\" })", "ParameterArgumentValidationError", ErrorCategory.InvalidData),
        ["unknown sort field"] = new("Get-RunAiWorkload -SortBy color", "ParameterArgumentValidationError", ErrorCategory.InvalidData),
        ["unknown phase"] = new("Get-RunAiWorkload -Phase Sleeping", "CannotConvertArgumentNoMessage", ErrorCategory.InvalidArgument),
        ["timeout 0"] = new("Connect-RunAi -BaseUri $uri -Token $token -TimeoutSec 0", "ParameterArgumentValidationError", ErrorCategory.InvalidData, Connect: false),
        ["not connected"] = new("Get-RunAiWorkload", "NotConnected", ErrorCategory.ConnectionError, Connect: false),

        // Refused by Connect-RunAi.
        ["not an http address"] = new("Connect-RunAi -BaseUri 'ftp://runai.example.com/' -Token $token", "InvalidConnectionSettings", ErrorCategory.InvalidArgument, Connect: false, Target: "ftp://runai.example.com/"),
        ["plain http to another host"] = new("Connect-RunAi -BaseUri 'http://runai.example.com/' -Token $token", "UnencryptedConnection", ErrorCategory.InvalidArgument, Connect: false, Target: "http://runai.example.com/", MessageContains: "-AllowUnencryptedAuthentication"),
        ["unresolvable host"] = new("Connect-RunAi -BaseUri 'http://runai.invalid/' -Token $token -AllowUnencryptedAuthentication -MaxRetryCount 0", "ConnectionFailed", ErrorCategory.ConnectionError, Connect: false, Target: "http://runai.invalid/"),
        ["refused connection"] = new("Connect-RunAi -BaseUri $closed -Token $token -MaxRetryCount 0", "ConnectionFailed", ErrorCategory.ConnectionError, Connect: false, Target: "$closed"),
        ["untrusted certificate"] = new("Connect-RunAi -BaseUri $tls -Token $token -MaxRetryCount 0", "CertificateNotTrusted", ErrorCategory.SecurityError, Connect: false, Target: "$tls", MessageContains: "-SkipCertificateCheck"),
        ["wrong token (401)"] = new("Connect-RunAi -BaseUri $uri -Token 'not-the-token' -MaxRetryCount 0", "Unauthorized", ErrorCategory.AuthenticationError, Connect: false, Target: "$uri"),
        ["token endpoint 400"] = new("Connect-RunAi -BaseUri $uri -ClientId $id -ClientSecret $secret -MaxRetryCount 0", "TokenRequestRejected", ErrorCategory.AuthenticationError, Token(400), Connect: false, Target: "$uri"),
        ["token endpoint 401"] = new("Connect-RunAi -BaseUri $uri -ClientId $id -ClientSecret 'wrong-secret' -MaxRetryCount 0", "TokenRequestRejected", ErrorCategory.AuthenticationError, Connect: false, Target: "$uri"),
        ["token endpoint 500"] = new("Connect-RunAi -BaseUri $uri -ClientId $id -ClientSecret $secret -MaxRetryCount 0", "ServiceUnavailable", ErrorCategory.ResourceUnavailable, Token(500), Connect: false, Target: "$uri"),
        ["token endpoint answers html"] = new("Connect-RunAi -BaseUri $uri -ClientId $id -ClientSecret $secret -MaxRetryCount 0", "InvalidResponse", ErrorCategory.ParserError, s => s.Options.Override = r => r.Path == "/api/v1/token" ? new SimulatedResponse(200, "<html>sign in</html>", "text/html") : null, Connect: false, Target: "$uri"),

        // Refused or garbled by the server after connecting.
        ["403"] = new("Get-RunAiWorkload -First 1", "Forbidden", ErrorCategory.PermissionDenied, Answer(403, "{\"code\":403,\"message\":\"Forbidden\",\"details\":\"no role for this project\"}")),
        ["404"] = new($"Get-RunAiWorkload -Id {Missing}", "NotFound", ErrorCategory.ObjectNotFound, Target: Missing.ToString()),
        ["401 mid-session"] = new("Get-RunAiWorkload -First 1", "Unauthorized", ErrorCategory.AuthenticationError, Answer(401, "{\"code\":401,\"message\":\"Unauthorized\"}")),
        ["400 from the server"] = new("Get-RunAiWorkload -Filter 'createdAt>=yesterday'", "InvalidRequest", ErrorCategory.InvalidArgument, Answer(400, "{\"code\":400,\"message\":\"Bad request\",\"details\":\"createdAt must be a date-time\"}"), MessageContains: "createdAt must be a date-time"),
        ["500 with a body"] = new("Get-RunAiWorkload -First 1", "ServiceUnavailable", ErrorCategory.ResourceUnavailable, Answer(500, "{\"code\":500,\"message\":\"database is down\"}"), MessageContains: "database is down"),
        ["proxy html 502"] = new("Get-RunAiWorkload -First 1", "ServiceUnavailable", ErrorCategory.ResourceUnavailable, Answer(502, Html502, "text/html"), MessageContains: "text/html"),
        ["503 forever"] = new("Get-RunAiWorkload -First 1", "ServiceUnavailable", ErrorCategory.ResourceUnavailable, s => s.Options.ServiceUnavailableEvery = 1, ConnectExtra: "-MaxRetryCount 1 -RetryDelayMilliseconds 10", MessageContains: "after 2 attempts; last status 503"),
        ["retry-after longer than the maximum wait"] = new("Get-RunAiWorkload -First 1", "TooManyRequests", ErrorCategory.ResourceUnavailable, s => s.Options.Override = _ => new SimulatedResponse(429, "{\"code\":429,\"message\":\"slow down\"}") { Headers = new Dictionary<string, string> { ["Retry-After"] = "3600" } }, ConnectExtra: "-MaxRetryCount 3", MessageContains: "3600 s"),
        ["server slower than the timeout"] = new("Get-RunAiWorkload -First 1", "Timeout", ErrorCategory.OperationTimeout, s => s.Options.Latency = TimeSpan.FromSeconds(3), ConnectExtra: "-MaxRetryCount 0 -TimeoutSec 1", MessageContains: "1 s"),
        ["truncated json"] = new("Get-RunAiWorkload -First 5", "InvalidResponse", ErrorCategory.ParserError, s => s.Options.TruncateBodyEvery = 1),
        ["json of the wrong shape"] = new("Get-RunAiWorkload -First 5", "InvalidResponse", ErrorCategory.ParserError, Answer(200, "{\"items\":[1,2,3]}")),
        ["a json array instead of an object"] = new("Get-RunAiWorkload -First 5", "InvalidResponse", ErrorCategory.ParserError, Answer(200, "[1,2,3]")),
        ["json null"] = new($"Get-RunAiWorkload -Id {Missing}", "InvalidResponse", ErrorCategory.ParserError, Answer(200, "null"), Target: Missing.ToString()),
        ["an empty 200"] = new("Get-RunAiWorkload -First 5", "InvalidResponse", ErrorCategory.ParserError, Answer(200, string.Empty)),
        ["a captive portal's html 200"] = new("Get-RunAiWorkload -First 5", "InvalidResponse", ErrorCategory.ParserError, Answer(200, "<html><body>Please sign in to the hotel wifi</body></html>", "text/html")),
        ["next that does not advance"] = new("Get-RunAiWorkload -PageSize 10", "PagingFault", ErrorCategory.ProtocolError, s => s.Options.Override = r => r.Path == "/api/v1/workloads"
            ? new SimulatedResponse(200, "{\"workloads\":[{\"id\":\"" + Guid.NewGuid() + "\",\"name\":\"x\",\"createdAt\":\"2026-01-01T00:00:00Z\",\"clusterId\":\"" + Guid.NewGuid() + "\"}],\"next\":0}")
            : null, MessageContains: "next=0", ItemsBeforeTheError: 1),
        ["a reply larger than any sane page"] = new("Get-RunAiWorkload -First 5", "InvalidResponse", ErrorCategory.ParserError, s => s.Options.Override = r => r.Path == "/api/v1/workloads" ? new SimulatedResponse(200, WithTlsSimulatorFixture.HugeBody) : null, MessageContains: "64 MiB"),
    };


    public BadInputTests(WithTlsSimulatorFixture sim)
        : base(sim)
    {
    }

    public static TheoryData<string> Cases
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var name in Table.Keys)
            {
                data.Add(name);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Bad_input_is_refused_with_a_stable_error_id_and_category_and_no_output(string name)
    {
        var input = Table[name];
        using var ps = new PowerShellSession();
        var variables = new Dictionary<string, object?>
        {
            ["uri"] = Sim.BaseUri,
            ["tls"] = Sim.Tls.BaseUri,
            ["token"] = Sim.Token,
            ["id"] = Sim.Simulator.Options.ClientId,
            ["secret"] = Sim.Simulator.Options.ClientSecret,
            ["closed"] = new Uri($"http://127.0.0.1:{LoopbackPort.Closed()}/"),
        };
        if (input.Connect)
        {
            var connect = ps.Run($"Connect-RunAi -BaseUri $uri -Token $token {input.ConnectExtra}", variables);
            Assert.Empty(connect.Errors);
        }

        input.Arrange?.Invoke(Sim.Simulator);
        PowerShellResult result;
        try
        {
            result = ps.RunCatching(input.Script, variables);
        }
        finally
        {
            Sim.Reset();
        }

        Assert.Equal(input.ItemsBeforeTheError, result.Output.Count);
        var error = Assert.Single(result.AllErrors);
        Assert.True(
            error.FullyQualifiedErrorId.StartsWith(input.ErrorId + ",", StringComparison.Ordinal),
            $"expected {input.ErrorId}, got {error.FullyQualifiedErrorId}: {error}");
        Assert.Equal(input.Category, error.CategoryInfo.Category);
        Assert.False(string.IsNullOrWhiteSpace(error.ToString()));
        if (input.MessageContains != null)
        {
            Assert.Contains(input.MessageContains, error.ToString(), StringComparison.Ordinal);
        }

        if (input.Target != null)
        {
            var expected = input.Target.StartsWith('$') ? variables[input.Target.Substring(1)]!.ToString() : input.Target;
            Assert.Equal(expected, (error.TargetObject is PSObject p ? p.BaseObject : error.TargetObject)?.ToString());
        }

        Assert.DoesNotContain(Sim.Simulator.Options.ClientSecret, string.Join("\n", VisibleText.TextOf(error)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Get-RunAiWorkloadMetric -WorkloadId $wid -MetricType NOT_A_METRIC")]
    [InlineData("Get-RunAiWorkloadMetric -WorkloadId $wid -MetricType GPU_UTILIZATION,GPU_MEMORY_USAGE_BYTES,GPU_MEMORY_REQUEST_BYTES,CPU_USAGE_CORES,CPU_REQUEST_CORES,CPU_LIMIT_CORES,CPU_MEMORY_USAGE_BYTES,CPU_MEMORY_REQUEST_BYTES,CPU_MEMORY_LIMIT_BYTES,POD_COUNT,RUNNING_POD_COUNT")]
    [InlineData("Get-RunAiWorkloadMetric -WorkloadId $wid -MetricType GPU_UTILIZATION -Start ([datetimeoffset]::Now) -End ([datetimeoffset]::Now).AddHours(-2)")]
    [InlineData("Get-RunAiWorkloadMetric -WorkloadId $wid -MetricType GPU_UTILIZATION -Samples 1001")]
    [InlineData("Get-RunAiPodMetric -WorkloadId $wid -PodId $pod -MetricType GPU_UTILIZATION -Start ([datetimeoffset]::Now) -End ([datetimeoffset]::Now).AddMinutes(-1)")]
    [InlineData("Get-RunAiPodMetric -WorkloadId $wid -PodId $pod -MetricType GPU_ALLOCATION")]
    [InlineData("Get-RunAiWorkloadTelemetry -Type GPU_ALLOCATION -GroupBy ClusterId,Type,Phase")]
    [InlineData("Get-RunAiWorkloadTelemetry -Type NOT_A_TYPE")]
    [InlineData("Get-RunAiPod -Filter 'nodename==x'")]
    [InlineData("Get-RunAiPod -Filter 'nodeName'")]
    [InlineData("Get-RunAiPodCount -Filter 'phase==Running'")]
    [InlineData("Invoke-RunAiRestMethod -Path 'https://elsewhere.example.com/api/v1/workloads'")]
    public void Bad_input_fails_before_any_request_is_sent(string script)
    {
        using var ps = Sim.ConnectedWithEmptyLog();
        var result = ps.RunCatching(script, Sim.Ids());
        Assert.NotEmpty(result.AllErrors);
        Assert.All(result.AllErrors, e => Assert.DoesNotContain("CommandNotFound", e.FullyQualifiedErrorId, StringComparison.Ordinal));
        Assert.Empty(result.Output);
        Assert.Empty(Sim.ApiRequests());
    }

    private static Action<SimulatorHost> Answer(int status, string body, string contentType = "application/json") =>
        s => s.Options.Override = r => r.Path.StartsWith("/api/v1/workloads", StringComparison.Ordinal) ? new SimulatedResponse(status, body, contentType) : null;

    private static Action<SimulatorHost> Token(int status) =>
        s => s.Options.Override = r => r.Path == "/api/v1/token" ? new SimulatedResponse(status, "{\"code\":" + status + ",\"message\":\"token endpoint says no\"}") : null;
}
