using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net;
using Xunit;

namespace RunAi.PowerShell.Tests;

/// <summary>Connect-RunAi -Proxy and friends: a control plane reached through a company's authenticating proxy.</summary>
[Collection("engine")]
public sealed class ProxyTests : IClassFixture<CorporateNetworkFixture>
{
    private readonly CorporateNetworkFixture _net;

    public ProxyTests(CorporateNetworkFixture net)
    {
        _net = net;
        _net.Reset();
    }

    private PSCredential ProxyCredential => new(_net.ProxyCredential.UserName, _net.ProxyCredential.SecurePassword);

    [Fact]
    public void Through_an_authenticating_proxy_HTTPS_goes_in_a_tunnel_and_the_proxy_never_sees_the_token_or_the_secret()
    {
        using var ps = new PowerShellSession();
        var secret = _net.Https.Options.ClientSecret;
        var result = ps.Run(
            "Connect-RunAi -BaseUri $uri -ClientId $id -ClientSecret $secret -CertificateAuthority $ca -Proxy $proxy -ProxyCredential $cred -PassThru -Verbose -Debug; Get-RunAiWorkload -First 3 -Verbose -Debug",
            new() { ["uri"] = _net.InternalHttpsUri, ["id"] = _net.Https.Options.ClientId, ["secret"] = secret, ["ca"] = _net.CorporateBundle, ["proxy"] = _net.Proxy.Address, ["cred"] = ProxyCredential });

        Assert.True(result.Errors.Count == 0, string.Join("\n", result.Errors));
        Assert.Equal(4, result.Output.Count);
        Assert.Equal(_net.Proxy.Address, result.Get<Uri>(0, "Proxy"));
        Assert.Equal(_net.ProxyCredential.UserName, result.Get<string>(0, "ProxyUserName"));

        // The requests reached the server (by a name only the proxy resolves) ...
        var tokens = _net.Https.Requests.Select(r => r.Authorization).Where(a => a != null).Select(a => a!["Bearer ".Length..]).Distinct().ToList();
        Assert.Contains(_net.Https.Requests, r => r.Path == "/api/v1/token" && r.StatusCode == 200);
        Assert.NotEmpty(tokens);

        // ... through CONNECT tunnels, with the proxy's credentials, never a header or a byte the proxy could read the token in.
        var seen = _net.Proxy.Requests;
        Assert.Contains(seen, r => r.Status == 200);
        Assert.All(seen, r => Assert.Equal("CONNECT", r.Method));
        Assert.All(seen, r => Assert.Equal($"{CorporateNetworkFixture.InternalName}:{_net.Https.BaseUri.Port}", r.Target));
        Assert.All(seen, r => Assert.Null(r.Header("Authorization")));
        Assert.Contains(seen, r => r.Header("Proxy-Authorization") != null);
        foreach (var value in tokens.Append(secret).Append("Bearer").Append("/api/v1/"))
        {
            Assert.All(seen, r => Assert.DoesNotContain(value, r.Head + r.CarriedText, StringComparison.Ordinal));
        }

        // The proxy's password shows nowhere: not in the session, -Verbose, -Debug or any output.
        var everything = result.Output.SelectMany(o => VisibleText.Walk(o, 3)).Concat(result.Verbose).Concat(result.Debug).Concat(result.Warnings);
        Assert.DoesNotContain(everything, t => t.Contains(_net.ProxyCredential.Password, StringComparison.Ordinal));
        Assert.Contains(result.Verbose, v => v.Contains(_net.Proxy.Address.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void Without_proxy_credentials_connect_fails_at_once_with_ProxyAuthenticationRequired_naming_the_proxy()
    {
        using var ps = new PowerShellSession();
        var result = ps.RunCatching("Connect-RunAi -BaseUri $uri -Token $token -CertificateAuthority $ca -Proxy $proxy", Variables());

        var error = Assert.IsType<ErrorRecord>(result.Terminating);
        Assert.StartsWith("ProxyAuthenticationRequired,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.Contains(_net.Proxy.Address.ToString(), error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("-ProxyCredential", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
        // Not retried: another attempt cannot bring credentials.
        Assert.Single(_net.Proxy.Requests);
        Assert.Empty(_net.Https.Requests);
    }

    [Fact]
    public void Wrong_proxy_credentials_fail_with_ProxyAuthenticationRequired_and_never_show_the_password()
    {
        var wrong = "wrong-" + Guid.NewGuid().ToString("N");
        using var ps = new PowerShellSession();
        var variables = Variables();
        variables["cred"] = new PSCredential(_net.ProxyCredential.UserName, new NetworkCredential(string.Empty, wrong).SecurePassword);
        var result = ps.RunCatching("Connect-RunAi -BaseUri $uri -Token $token -CertificateAuthority $ca -Proxy $proxy -ProxyCredential $cred -Verbose -Debug", variables);

        var error = Assert.IsType<ErrorRecord>(result.Terminating);
        Assert.StartsWith("ProxyAuthenticationRequired,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains($"refused the credentials of user '{_net.ProxyCredential.UserName}'", error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains(_net.Proxy.Requests, r => r.Header("Proxy-Authorization") != null);
        Assert.True(_net.Proxy.Requests.Count <= 2, string.Join(", ", _net.Proxy.Requests));
        var texts = VisibleText.TextOf(error).Concat(result.Verbose).Concat(result.Debug);
        Assert.DoesNotContain(texts, t => t.Contains(wrong, StringComparison.Ordinal));
    }

    [Fact]
    public void An_unreachable_proxy_fails_with_ProxyUnreachable_naming_the_proxy()
    {
        var dead = new Uri($"http://127.0.0.1:{LoopbackPort.Closed()}/");
        using var ps = new PowerShellSession();
        var variables = Variables();
        variables["proxy"] = dead;
        var result = ps.RunCatching("Connect-RunAi -BaseUri $uri -Token $token -CertificateAuthority $ca -Proxy $proxy -MaxRetryCount 0", variables);

        var error = Assert.IsType<ErrorRecord>(result.Terminating);
        Assert.StartsWith("ProxyUnreachable,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
        Assert.Contains(dead.ToString(), error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("-NoProxy", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
    }

    [Fact]
    public void RUNAI_PROXY_with_credentials_in_the_address_is_used_and_the_session_shows_it_without_the_password()
    {
        var password = _net.ProxyCredential.Password;
        var withCredentials = $"http://{_net.ProxyCredential.UserName}:{Uri.EscapeDataString(password)}@127.0.0.1:{_net.Proxy.Address.Port}";
        using var ps = new PowerShellSession();
        var variables = Variables();
        variables["env"] = withCredentials;
        var result = ps.Run("$env:RUNAI_PROXY = $env; try { Connect-RunAi -BaseUri $uri -Token $token -CertificateAuthority $ca -PassThru -Verbose } finally { $env:RUNAI_PROXY = $null }; Get-RunAiContext", variables);

        Assert.True(result.Errors.Count == 0, string.Join("\n", result.Errors));
        Assert.Equal(_net.Proxy.Address, result.Get<Uri>(0, "Proxy"));
        Assert.Equal(_net.ProxyCredential.UserName, result.Get<string>(0, "ProxyUserName"));
        Assert.Contains(_net.Proxy.Requests, r => r.Status == 200);
        var everything = result.Output.SelectMany(o => VisibleText.Walk(o, 3)).Concat(result.Verbose);
        Assert.DoesNotContain(everything, t => t.Contains(password, StringComparison.Ordinal));
    }

    [Fact]
    public void NoProxy_ignores_RUNAI_PROXY_and_connects_directly()
    {
        using var ps = new PowerShellSession();
        var variables = Variables();
        variables["cred"] = ProxyCredential;
        const string Script = "$env:RUNAI_PROXY = $proxy; try { Connect-RunAi -BaseUri $uri -Token $token -CertificateAuthority $ca -MaxRetryCount 0 {0} } finally { $env:RUNAI_PROXY = $null }";

        // The internal name resolves only at the proxy: directly, it cannot be reached.
        var direct = ps.RunCatching(Script.Replace("{0}", "-NoProxy", StringComparison.Ordinal), variables);
        var error = Assert.IsType<ErrorRecord>(direct.Terminating);
        Assert.StartsWith("ConnectionFailed,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Empty(_net.Proxy.Requests);

        var proxied = ps.RunCatching(Script.Replace("{0}", "-ProxyCredential $cred", StringComparison.Ordinal), variables);
        Assert.Null(proxied.Terminating);
        Assert.NotEmpty(_net.Proxy.Requests);
    }

    [Fact]
    public void An_address_on_this_machine_never_goes_through_the_proxy()
    {
        using var ps = new PowerShellSession();
        var variables = Variables();
        variables["uri"] = _net.HttpsUri;
        variables["cred"] = ProxyCredential;
        var result = ps.Run("Connect-RunAi -BaseUri $uri -Token $token -CertificateAuthority $ca -Proxy $proxy -ProxyCredential $cred -PassThru", variables);

        Assert.Empty(result.Errors);
        Assert.Null(result.Output[0].Properties["Proxy"].Value);
        Assert.Empty(_net.Proxy.Requests);
        Assert.NotEmpty(_net.Https.Requests);
    }

    [Fact]
    public void Plain_HTTP_through_the_proxy_goes_in_absolute_form_and_a_407_answer_is_ProxyAuthenticationRequired()
    {
        using var ps = new PowerShellSession();
        var variables = Variables();
        variables["uri"] = _net.InternalHttpUri;
        variables["cred"] = ProxyCredential;
        const string Connect = "Connect-RunAi -BaseUri $uri -Token $token -Proxy $proxy -AllowUnencryptedAuthentication -MaxRetryCount 0";

        var refused = ps.RunCatching(Connect, variables);
        var error = Assert.IsType<ErrorRecord>(refused.Terminating);
        Assert.StartsWith("ProxyAuthenticationRequired,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains(_net.Proxy.Address.ToString(), error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);

        var accepted = ps.RunCatching(Connect + " -ProxyCredential $cred", variables);
        Assert.Null(accepted.Terminating);
        Assert.Contains(_net.Proxy.Requests, r => r.Method == "GET" && r.Target.StartsWith(_net.InternalHttpUri + "api/v1/workloads/count", StringComparison.Ordinal) && r.Status == 200);
    }

    [Theory]
    [InlineData("-NoProxy -Proxy $proxy")]
    [InlineData("-NoProxy -ProxyCredential $cred")]
    [InlineData("-ProxyCredential $cred -ProxyUseDefaultCredentials")]
    [InlineData("-Proxy 'ftp://proxy.example:21'")]
    [InlineData("-Proxy 'http://:3128'")]
    public void Contradicting_or_malformed_proxy_settings_are_refused_before_any_request(string parameters)
    {
        using var ps = new PowerShellSession();
        var variables = Variables();
        variables["cred"] = ProxyCredential;
        var result = ps.RunCatching("Connect-RunAi -BaseUri $uri -Token $token -CertificateAuthority $ca " + parameters, variables);

        var error = Assert.IsType<ErrorRecord>(result.Terminating);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Empty(_net.Proxy.Requests);
        Assert.Empty(_net.Https.Requests);
    }

    [Fact]
    public void A_malformed_RUNAI_PROXY_is_refused_without_echoing_its_password()
    {
        using var ps = new PowerShellSession();
        var result = ps.RunCatching(
            "$env:RUNAI_PROXY = 'http://someone:hunter2-secret@'; try { Connect-RunAi -BaseUri $uri -Token $token -CertificateAuthority $ca } finally { $env:RUNAI_PROXY = $null }", Variables());

        var error = Assert.IsType<ErrorRecord>(result.Terminating);
        Assert.StartsWith("InvalidConnectionSettings,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains("RUNAI_PROXY", error.Exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(VisibleText.TextOf(error), t => t.Contains("hunter2", StringComparison.Ordinal));
    }

    private Dictionary<string, object?> Variables() => new()
    {
        ["uri"] = _net.InternalHttpsUri,
        ["token"] = _net.Token,
        ["ca"] = _net.CorporateBundle,
        ["proxy"] = _net.Proxy.Address,
    };
}
