using System;
using System.Linq;
using System.Threading.Tasks;
using System.Management.Automation;
using Xunit;

namespace RunAi.PowerShell.Tests;

[Collection("engine")]
public sealed class SessionCmdletTests : EngineTests<SimulatorFixture>
{

    public SessionCmdletTests(SimulatorFixture sim)
        : base(sim)
    {
    }

    [Fact]
    public void Connect_by_token_sets_the_current_session()
    {
        using var ps = new PowerShellSession();
        var result = ps.Run("Connect-RunAi -BaseUri $uri -Token $token -PassThru; Get-RunAiContext", new() { ["uri"] = Sim.BaseUri, ["token"] = Sim.Token });

        Assert.Empty(result.Errors);
        Assert.Equal(2, result.Output.Count);
        Assert.Equal("Token", result.Get<string>(1, "AuthenticationKind"));
        Assert.Equal(Sim.BaseUri, result.Get<Uri>(1, "BaseUri"));
        Assert.Contains(Sim.Simulator.Requests, r => r.Path == "/api/v1/workloads/count" && r.StatusCode == 200);
    }

    [Fact]
    public void Connect_by_client_credentials_gets_a_token_from_the_token_endpoint()
    {
        using var ps = new PowerShellSession();
        var result = ps.Run(
            "$secret = [System.Net.NetworkCredential]::new('', $plain).SecurePassword; Connect-RunAi -BaseUri $uri -ClientId $id -ClientSecret $secret -PassThru",
            new() { ["uri"] = Sim.BaseUri, ["id"] = Sim.Simulator.Options.ClientId, ["plain"] = Sim.Simulator.Options.ClientSecret });

        Assert.Empty(result.Errors);
        Assert.Equal("ClientCredentials", result.Get<string>(0, "AuthenticationKind"));
        Assert.NotNull(result.Output[0].Properties["TokenExpiresAt"].Value);
        Assert.Single(Sim.Simulator.Requests, r => r.Path == "/api/v1/token" && r.StatusCode == 200);
        Assert.Single(ps.Run("Get-RunAiWorkload -First 1").Output);
    }

    [Fact]
    public void Connect_by_credential_uses_the_user_name_as_client_id()
    {
        using var ps = new PowerShellSession();
        var credential = new PSCredential(Sim.Simulator.Options.ClientId, new System.Net.NetworkCredential("", Sim.Simulator.Options.ClientSecret).SecurePassword);
        var result = ps.Run("Connect-RunAi -BaseUri $uri -Credential $cred -PassThru", new() { ["uri"] = Sim.BaseUri, ["cred"] = credential });

        Assert.Empty(result.Errors);
        Assert.Equal(Sim.Simulator.Options.ClientId, result.Get<string>(0, "ClientId"));
    }

    [Fact]
    public void Connect_reads_the_environment_when_parameters_are_omitted()
    {
        using var ps = new PowerShellSession();
        var result = ps.Run(
            "$env:RUNAI_BASE_URL = $uri; $env:RUNAI_TOKEN = $token; try { Connect-RunAi -PassThru } finally { $env:RUNAI_BASE_URL = $null; $env:RUNAI_TOKEN = $null }",
            new() { ["uri"] = Sim.BaseUri.ToString(), ["token"] = Sim.Token });

        Assert.Empty(result.Errors);
        Assert.Equal("Token", result.Get<string>(0, "AuthenticationKind"));
    }

    [Fact]
    public void Wrong_credentials_fail_connect_with_a_clear_terminating_error()
    {
        using var ps = new PowerShellSession();
        var result = ps.RunCatching("Connect-RunAi -BaseUri $uri -ClientId $id -ClientSecret 'wrong-secret'", new() { ["uri"] = Sim.BaseUri, ["id"] = Sim.Simulator.Options.ClientId });

        var error = Assert.IsType<ErrorRecord>(result.Terminating);
        Assert.StartsWith("TokenRequestRejected,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.DoesNotContain("wrong-secret", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(ps.Run("Get-RunAiContext").Output);
    }

    [Fact]
    public void Connect_refuses_Session_with_InvalidArgument_and_sends_nothing()
    {
        using var ps = new PowerShellSession();
        var vars = new System.Collections.Generic.Dictionary<string, object?> { ["uri"] = Sim.BaseUri, ["token"] = Sim.Token };
        Assert.Empty(ps.Run("$global:s = Connect-RunAi -BaseUri $uri -Token $token -PassThru", vars).Errors);
        Sim.Simulator.ClearRequests();

        var result = ps.RunCatching("Connect-RunAi -BaseUri $uri -Token $token -Session $global:s", vars);

        var error = Assert.IsType<ErrorRecord>(result.Terminating);
        Assert.Equal("InvalidArgument,RunAi.PowerShell.Commands.ConnectRunAiCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Same(ps.Run("$global:s").Output.Single().BaseObject, error.TargetObject);
        Assert.Contains("-PassThru", error.Exception.Message, StringComparison.Ordinal);
        Assert.Empty(Sim.Simulator.Requests);
    }

    [Fact]
    public void Wrong_token_fails_connect_as_unauthorized()
    {
        using var ps = new PowerShellSession();
        var result = ps.RunCatching("Connect-RunAi -BaseUri $uri -Token 'not-a-token'", new() { ["uri"] = Sim.BaseUri });

        var error = Assert.IsType<ErrorRecord>(result.Terminating);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.Contains("Connect-RunAi", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_url_fails_connect_as_a_connection_error()
    {
        using var ps = new PowerShellSession();
        var result = ps.RunCatching("Connect-RunAi -BaseUri 'http://127.0.0.1:1/' -Token 'x' -MaxRetryCount 0");

        var error = Assert.IsType<ErrorRecord>(result.Terminating);
        Assert.StartsWith("ConnectionFailed,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
    }

    [Theory]
    [InlineData("token", "refused")]
    [InlineData("client credentials", "refused")]
    [InlineData("token", "unresolvable")]
    public void Connect_to_a_wrong_address_fails_within_3_seconds_without_retries_naming_the_address(string credential, string fault)
    {
        var address = fault == "refused" ? $"http://127.0.0.1:{LoopbackPort.Closed()}/" : "http://runai-typo.invalid/";
        var authentication = credential == "token" ? "-Token 'x'" : "-ClientId 'id' -ClientSecret 'secret'";
        using var ps = new PowerShellSession();

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = ps.RunCatching($"Connect-RunAi -BaseUri $uri {authentication} -AllowUnencryptedAuthentication", new() { ["uri"] = new Uri(address) });
        clock.Stop();

        var error = Assert.IsType<ErrorRecord>(result.Terminating);
        Assert.StartsWith("ConnectionFailed,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
        Assert.Contains(address.TrimEnd('/'), error.Exception.Message, StringComparison.Ordinal);
        Assert.Equal(1, (int)error.Exception.GetType().GetProperty("Attempts")!.GetValue(error.Exception)!);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"Connect-RunAi took {clock.Elapsed.TotalSeconds:0.0} s to say the address is wrong");
        Assert.Empty(ps.Run("Get-RunAiContext").Output);
    }

    [Fact]
    public async Task A_refused_connection_in_an_established_session_is_still_retried()
    {
        var server = await RunAi.Simulator.SimulatorHost.StartAsync(new RunAi.Simulator.SimulatorOptions { WorkloadCount = 10 });
        using var ps = new PowerShellSession();
        try
        {
            var connect = ps.Run("Connect-RunAi -BaseUri $uri -Token $token -MaxRetryCount 2 -RetryDelayMilliseconds 10", new() { ["uri"] = server.BaseUri, ["token"] = server.Options.StaticToken });
            Assert.Empty(connect.Errors);
        }
        finally
        {
            await server.DisposeAsync();
        }

        var result = ps.Run("Get-RunAiWorkload -First 1");

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("ConnectionFailed,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(3, (int)error.Exception.GetType().GetProperty("Attempts")!.GetValue(error.Exception)!);
    }

    [Fact]
    public void A_static_jwt_past_its_exp_claim_reads_as_TokenExpired_and_its_expiry_shows_in_the_context()
    {
        static string Part(string json) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var expiry = DateTimeOffset.UtcNow.AddSeconds(2);
        var jwt = Part("{\"alg\":\"none\"}") + "." + Part("{\"exp\":" + expiry.ToUnixTimeSeconds() + "}") + ".sig";
        var original = Sim.Simulator.Options.StaticToken;
        Sim.Simulator.Options.StaticToken = jwt;
        try
        {
            using var ps = new PowerShellSession();
            var connected = ps.Run("Connect-RunAi -BaseUri $uri -Token $jwt -PassThru", new() { ["uri"] = Sim.BaseUri, ["jwt"] = jwt });
            Assert.Empty(connected.Errors);
            Assert.Equal(expiry.ToUnixTimeSeconds(), connected.Get<DateTimeOffset>(0, "TokenExpiresAt").ToUnixTimeSeconds());

            System.Threading.Thread.Sleep(TimeSpan.FromSeconds(2.5)); // the JWT's exp is checked against the wall clock in a real runspace
            Sim.Simulator.Options.Override = _ => new RunAi.Simulator.SimulatedResponse(401, "{\"code\":401,\"message\":\"Unauthorized\"}");
            var result = ps.Run("Get-RunAiWorkload -First 1");

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("TokenExpired,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Contains("Connect-RunAi", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
            Assert.DoesNotContain(jwt, error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Sim.Simulator.Options.StaticToken = original;
            Sim.Simulator.Options.Override = null;
        }
    }

    [Fact]
    public void Not_connected_is_a_terminating_error()
    {
        using var ps = new PowerShellSession();
        var result = ps.RunCatching("Get-RunAiWorkload");

        var error = Assert.IsType<ErrorRecord>(result.Terminating);
        Assert.StartsWith("NotConnected,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }

    [Fact]
    public void Disconnect_forgets_the_session()
    {
        using var ps = Sim.Connected();
        ps.Run("Disconnect-RunAi");

        Assert.Empty(ps.Run("Get-RunAiContext").Output);
        Assert.StartsWith("NotConnected,", ps.RunCatching("Get-RunAiWorkload -First 1").Terminating!.FullyQualifiedErrorId, StringComparison.Ordinal);
    }

    [Fact]
    public void Secrets_never_show_in_verbose_debug_errors_or_the_session()
    {
        using var ps = new PowerShellSession();
        var secret = Sim.Simulator.Options.ClientSecret;
        var script = """
            function Show($o) { $o.PSObject.Properties | ForEach-Object { "$($_.Name)=$($_.Value)" }; "$o" }
            $s = Connect-RunAi -BaseUri $uri -ClientId $id -ClientSecret $secret -PassThru -Verbose -Debug
            Show $s
            Show (Get-RunAiContext -Verbose -Debug)
            Get-RunAiWorkload -First 2 -Verbose -Debug | Get-RunAiWorkloadEvent -Verbose -Debug -First 1
            Get-RunAiWorkload -Id ([guid]::NewGuid()) -Verbose -Debug
            Show (Connect-RunAi -BaseUri $uri -Token $token -PassThru -Verbose -Debug)
            Get-RunAiWorkload -First 1 -Verbose -Debug
            """;
        var result = ps.Run(script, new() { ["uri"] = Sim.BaseUri, ["id"] = Sim.Simulator.Options.ClientId, ["secret"] = secret, ["token"] = Sim.Token });

        Assert.True(result.Verbose.Count > 0, string.Join("\n", result.Errors));
        Assert.NotEmpty(result.Debug);
        Assert.NotEmpty(result.Errors);
        var issued = Sim.Simulator.Requests.Select(r => r.Authorization).Where(a => a != null).Select(a => a!.Replace("Bearer ", "", StringComparison.Ordinal)).Distinct().ToList();
        Assert.True(issued.Contains(Sim.Token), string.Join("\n", result.Errors) + string.Join("\n", Sim.Simulator.Requests.Select(r => r.Path + " " + r.StatusCode + " " + r.Authorization)));
        Assert.True(issued.Count >= 2, "expected an issued token and the static token");
        var everything = string.Join("\n", result.Output.Select(o => o.ToString())
            .Concat(result.Verbose).Concat(result.Debug).Concat(result.Warnings)
            .Concat(result.Errors.SelectMany(ErrorText)));
        foreach (var value in issued.Append(secret))
        {
            Assert.DoesNotContain(value, everything, StringComparison.Ordinal);
        }
    }

    private static string[] ErrorText(ErrorRecord error)
    {
        var texts = new System.Collections.Generic.List<string> { error.ToString(), error.ErrorDetails?.Message ?? "", error.ErrorDetails?.RecommendedAction ?? "", error.TargetObject?.ToString() ?? "" };
        for (var e = error.Exception; e != null; e = e.InnerException)
        {
            texts.Add(e.ToString());
        }

        return texts.ToArray();
    }
}
