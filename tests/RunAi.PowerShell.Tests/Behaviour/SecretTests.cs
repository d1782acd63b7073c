using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using RunAi.Simulator;
using Xunit;

namespace RunAi.PowerShell.Tests;

/// <summary>No secret leaked: not in any stream, error, output or session property; never sent to another host; never over plain HTTP by accident.</summary>
[Collection("engine")]
public sealed class SecretTests : EngineTests<WithTlsSimulatorFixture>
{
    private readonly string _secret;
    private readonly string _staticToken;

    public SecretTests(WithTlsSimulatorFixture sim)
        : base(sim)
    {
        var o = Sim.Simulator.Options;
        o.TokenLifetimeSeconds = 3600;
        // Distinctive values, so a leak cannot hide behind a common word.
        _secret = "cs-" + Guid.NewGuid().ToString("N");
        _staticToken = "st-" + Guid.NewGuid().ToString("N");
        o.ClientSecret = _secret;
        o.StaticToken = _staticToken;
    }

    [Fact]
    public async Task Every_cmdlet_with_Verbose_and_Debug_succeeding_and_failing_never_shows_a_token_or_the_secret()
    {
        var texts = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var urls = new List<string>();
        void Remember()
        {
            seen.UnionWith(Sim.Simulator.Requests.Select(r => r.Authorization).Where(a => a != null).Select(a => a!.Substring("Bearer ".Length)));
            urls.AddRange(Sim.Simulator.Requests.Select(r => r.Path + r.QueryString));
        }

        var invoked = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var errors = 0;
        var variables = new Dictionary<string, object?>
        {
            ["uri"] = Sim.BaseUri,
            ["id"] = Sim.Simulator.Options.ClientId,
            ["secret"] = _secret,
            ["token"] = _staticToken,
            ["closed"] = new Uri($"http://127.0.0.1:{LoopbackPort.Closed()}/"),
        };

        using var ps = new PowerShellSession();
        void Capture(PowerShellResult r)
        {
            texts.AddRange(r.Output.SelectMany(o => VisibleText.Walk(o, 3)));
            texts.AddRange(r.Verbose);
            texts.AddRange(r.Debug);
            texts.AddRange(r.Warnings);
            texts.AddRange(r.Information);
            foreach (var error in r.AllErrors)
            {
                errors++;
                texts.AddRange(VisibleText.TextOf(error));
            }
        }

        // Connecting every way, and failing to.
        Capture(ps.RunCatching("Connect-RunAi -BaseUri $uri -Token $token -PassThru -Verbose -Debug", variables));
        Capture(ps.RunCatching("Connect-RunAi -BaseUri $uri -ClientId $id -ClientSecret 'wrong-secret' -Verbose -Debug -MaxRetryCount 0", variables));
        Capture(ps.RunCatching("Connect-RunAi -BaseUri $closed -ClientId $id -ClientSecret $secret -Verbose -Debug -MaxRetryCount 0", variables));
        Capture(ps.RunCatching("Connect-RunAi -BaseUri 'http://runai.example.com/' -Token $token -Verbose -Debug", variables));
        Capture(ps.RunCatching("Connect-RunAi -BaseUri $uri -Credential ([pscredential]::new($id, [System.Net.NetworkCredential]::new('', $secret).SecurePassword)) -PassThru -Verbose -Debug", variables));
        Capture(ps.RunCatching("Disconnect-RunAi -Verbose -Debug", variables));
        Capture(ps.RunCatching("Get-RunAiContext -Verbose -Debug", variables));
        invoked.UnionWith(new[] { "Connect-RunAi", "Disconnect-RunAi" });

        var cmdlets = ps.Run("(Get-Module RunAi).ExportedCmdlets.Values").Output.Select(o => (CmdletInfo)o.BaseObject).ToList();
        Assert.True(cmdlets.Count >= 5, $"only {cmdlets.Count} cmdlets exported");
        var issued = await Sim.IssueTokenAsync();
        variables["issued"] = issued;
        foreach (var cmdlet in cmdlets.Where(c => !invoked.Contains(c.Name)))
        {
            var splat = PlausibleParameters(cmdlet);
            variables["cmd"] = cmdlet.Name;
            variables["splat"] = splat;

            // Succeeding (or failing on its own terms) with renewable credentials.
            Remember();
            Sim.Reset();
            Capture(ps.RunCatching("Connect-RunAi -BaseUri $uri -ClientId $id -ClientSecret $secret -MaxRetryCount 0; & $cmd @splat -Verbose -Debug", variables));

            // The server fails every call with a body that echoes what it was sent.
            Sim.Simulator.Options.Override = r => r.Path == "/api/v1/token" ? null : new SimulatedResponse(500, "{\"code\":500,\"message\":\"boom\",\"details\":\"" + r.Method + " " + r.Path + "\"}");
            Capture(ps.RunCatching("& $cmd @splat -Verbose -Debug", variables));

            // A static token the server no longer accepts.
            Sim.Simulator.Options.Override = null;
            Capture(ps.RunCatching("Connect-RunAi -BaseUri $uri -Token $issued -MaxRetryCount 0", variables));
            Sim.Simulator.ExpireAllTokens();
            Capture(ps.RunCatching("& $cmd @splat -Verbose -Debug", variables));
            invoked.Add(cmdlet.Name);
        }

        Remember();
        Sim.Reset();
        Assert.Equal(cmdlets.Select(c => c.Name).OrderBy(n => n), invoked.OrderBy(n => n));
        Assert.True(errors > cmdlets.Count, $"only {errors} errors were produced; the failing calls did not fail");
        Assert.Contains(texts, t => t.Contains("GET /api/v1/", StringComparison.Ordinal));

        var tokens = seen.ToList();
        Assert.Contains(_staticToken, tokens);
        Assert.Contains(issued, tokens);
        Assert.True(tokens.Count >= 3, "expected the static token, an issued one and renewed ones to have been used");
        var everything = string.Join("\n", texts);
        foreach (var secret in tokens.Append(_secret).Append(_staticToken).Append(issued))
        {
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        }

        // Nor in any URL the server saw.
        Assert.True(urls.Count > cmdlets.Count);
        Assert.DoesNotContain(urls, u => tokens.Append(_secret).Any(s => u.Contains(s, StringComparison.Ordinal)));
    }

    [Fact]
    public void The_session_and_Get_RunAiContext_never_expose_a_token_or_the_secret_in_any_property()
    {
        using var ps = new PowerShellSession();
        var variables = new Dictionary<string, object?> { ["uri"] = Sim.BaseUri, ["id"] = Sim.Simulator.Options.ClientId, ["secret"] = _secret, ["token"] = _staticToken };

        var byToken = ps.Run("Connect-RunAi -BaseUri $uri -Token $token -PassThru; Get-RunAiContext", variables);
        var bySecret = ps.Run("Connect-RunAi -BaseUri $uri -ClientId $id -ClientSecret $secret -PassThru; Get-RunAiContext; $null = Get-RunAiWorkload -First 1; (Get-RunAiContext).PSObject.Properties | ForEach-Object { \"$($_.Name)=$($_.Value)\" }", variables);

        Assert.Empty(byToken.Errors);
        Assert.Empty(bySecret.Errors);
        Assert.Equal(2, byToken.Output.Count);
        var texts = byToken.Output.Concat(bySecret.Output).SelectMany(o => VisibleText.Walk(o, 8)).ToList();
        Assert.Contains(texts, t => t.Contains(Sim.BaseUri.ToString(), StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("ClientCredentials", StringComparison.Ordinal));
        var issued = Sim.Simulator.Requests.Select(r => r.Authorization).Where(a => a != null).Select(a => a!.Substring("Bearer ".Length)).Distinct().ToList();
        Assert.True(issued.Count >= 2);
        foreach (var secret in issued.Append(_secret).Append(_staticToken))
        {
            Assert.DoesNotContain(texts, t => t.Contains(secret, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_redirect_to_another_host_is_followed_without_the_Authorization_header()
    {
        await using var other = await SimulatorHost.StartAsync(new SimulatorOptions { WorkloadCount = 10 });
        using var ps = Sim.Connected("-MaxRetryCount 0");
        Sim.Simulator.Options.Override = r => r.Path == "/api/v1/workloads"
            ? new SimulatedResponse(302) { Headers = new Dictionary<string, string> { ["Location"] = new Uri(other.BaseUri, "api/v1/workloads?limit=1").ToString() } }
            : null;

        var result = ps.Run("Get-RunAiWorkload -First 1 -Verbose -Debug");

        Assert.Empty(result.Output);
        var error = Assert.Single(result.Errors);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        var followed = Assert.Single(other.Requests);
        Assert.Null(followed.Authorization);
        Assert.Contains(result.Debug, d => d.Contains("Authorization header is not sent", StringComparison.Ordinal));
        Assert.All(Sim.Simulator.Requests, r => Assert.Equal("Bearer " + _staticToken, r.Authorization));
    }

    [Fact]
    public void Plain_http_is_refused_except_for_loopback_unless_AllowUnencryptedAuthentication_is_given()
    {
        using var ps = new PowerShellSession();
        var variables = new Dictionary<string, object?> { ["token"] = _staticToken, ["uri"] = Sim.BaseUri };

        var refused = ps.RunCatching("Connect-RunAi -BaseUri 'http://runai.invalid/' -Token $token -MaxRetryCount 0", variables);
        var allowed = ps.RunCatching("Connect-RunAi -BaseUri 'http://runai.invalid/' -Token $token -MaxRetryCount 0 -AllowUnencryptedAuthentication", variables);
        var loopback = ps.RunCatching("Connect-RunAi -BaseUri $uri -Token $token -PassThru", variables);

        Assert.StartsWith("UnencryptedConnection,", refused.Terminating!.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.InvalidArgument, refused.Terminating.CategoryInfo.Category);
        Assert.Contains("-AllowUnencryptedAuthentication", refused.Terminating.ToString(), StringComparison.Ordinal);

        // Allowed, it goes on to the network (where this name does not resolve).
        Assert.StartsWith("ConnectionFailed,", allowed.Terminating!.FullyQualifiedErrorId, StringComparison.Ordinal);

        Assert.Null(loopback.Terminating);
        Assert.Single(loopback.Output);
    }

    [Fact]
    public void SkipCertificateCheck_is_opt_in()
    {
        using var ps = new PowerShellSession();
        var variables = new Dictionary<string, object?> { ["tls"] = Sim.Tls.BaseUri, ["token"] = Sim.Tls.Options.StaticToken };

        var strict = ps.RunCatching("Connect-RunAi -BaseUri $tls -Token $token -MaxRetryCount 0", variables);
        Assert.StartsWith("CertificateNotTrusted,", strict.Terminating!.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.SecurityError, strict.Terminating.CategoryInfo.Category);
        Assert.Empty(ps.Run("Get-RunAiContext").Output);

        var skipping = ps.RunCatching("Connect-RunAi -BaseUri $tls -Token $token -SkipCertificateCheck -PassThru; Get-RunAiWorkload -First 2", variables);
        Assert.Null(skipping.Terminating);
        Assert.Empty(skipping.Errors);
        Assert.Equal(3, skipping.Output.Count);
        Assert.Equal(true, skipping.Output[0].Properties["SkipCertificateCheck"].Value);
    }

    /// <summary>Values for a cmdlet's mandatory parameters, from their types and validation, so new cmdlets are covered without listing them here.</summary>
    private Hashtable PlausibleParameters(CmdletInfo cmdlet)
    {
        var data = Sim.Simulator.Data;
        var workload = Enumerable.Range(0, data.WorkloadCount).Where(i => !data.IsDeleted(i)).Select(data.GetWorkloadId).First();
        var sets = cmdlet.ParameterSets.OrderByDescending(s => s.IsDefault).ToList();
        var set = sets.FirstOrDefault(s => s.Parameters.Where(p => p.IsMandatory).All(p => Fillable(p.ParameterType))) ?? sets.First();
        var splat = new Hashtable(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in set.Parameters.Where(p => p.IsMandatory))
        {
            splat[parameter.Name] = ValueFor(parameter, workload);
        }

        if (set.Parameters.Any(p => p.Name == "First"))
        {
            splat["First"] = 3UL;
        }

        // A wait keeps polling through failed polls until its time is up (10 minutes by default).
        if (set.Parameters.Any(p => p.Name == "TimeoutSec"))
        {
            splat["TimeoutSec"] = 2;
            splat["PollIntervalSec"] = 1;
        }

        return splat;
    }

    private static bool Fillable(Type type) => type != typeof(System.Security.SecureString) && type != typeof(PSCredential);

    private static object? ValueFor(CommandParameterInfo parameter, Guid workload)
    {
        var type = parameter.ParameterType;
        var element = type.IsArray ? type.GetElementType()! : Nullable.GetUnderlyingType(type) ?? type;
        var allowed = parameter.Attributes.OfType<ValidateSetAttribute>().FirstOrDefault()?.ValidValues.FirstOrDefault()
            ?? parameter.Attributes.Select(a => a.GetType().GetProperty("AcceptedValues")?.GetValue(a)).OfType<IEnumerable<string>>().FirstOrDefault()?.FirstOrDefault();
        object? value = element switch
        {
            _ when element == typeof(Guid) => workload,
            _ when allowed != null => allowed,
            _ when element.IsEnum => Enum.GetValues(element).GetValue(0),
            _ when element == typeof(DateTime) => DateTime.UtcNow.AddHours(-1),
            _ when element == typeof(DateTimeOffset) => DateTimeOffset.UtcNow.AddHours(-1),
            _ when element == typeof(int) || element == typeof(long) || element == typeof(double) => Convert.ChangeType(1, element, System.Globalization.CultureInfo.InvariantCulture),
            _ when element == typeof(string) && parameter.Name.Contains("Path", StringComparison.OrdinalIgnoreCase) => "api/v1/workloads/count",
            _ when element == typeof(string) && parameter.Name.Contains("Uri", StringComparison.OrdinalIgnoreCase) => "api/v1/workloads/count",
            _ when element == typeof(string) => "GPU_UTILIZATION",
            _ => null,
        };
        if (type.IsArray && value != null)
        {
            var array = Array.CreateInstance(element, 1);
            array.SetValue(value, 0);
            return array;
        }

        return value;
    }
}
