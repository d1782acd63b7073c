using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using Xunit;

namespace RunAi.PowerShell.Tests;

/// <summary>Connect-RunAi -CertificateAuthority: a control plane whose certificate comes from an internal CA.</summary>
[Collection("engine")]
public sealed class CertificateAuthorityTests : IClassFixture<CorporateNetworkFixture>
{
    private readonly CorporateNetworkFixture _net;

    public CertificateAuthorityTests(CorporateNetworkFixture net)
    {
        _net = net;
        _net.Reset();
    }

    [Fact]
    public void Connect_with_the_internal_CA_bundle_trusts_the_certificate_it_issued_for_api_and_token_calls()
    {
        using var ps = new PowerShellSession();
        var result = ps.Run(
            "Connect-RunAi -BaseUri $uri -ClientId $id -ClientSecret $secret -CertificateAuthority $ca -PassThru; Get-RunAiWorkload -First 2",
            new() { ["uri"] = _net.HttpsUri, ["id"] = _net.Https.Options.ClientId, ["secret"] = _net.Https.Options.ClientSecret, ["ca"] = _net.CorporateBundle });

        Assert.Empty(result.Errors);
        Assert.Equal(3, result.Output.Count);
        Assert.Equal(_net.CorporateBundle, result.Get<string>(0, "CertificateAuthority"));
        Assert.Contains(_net.Https.Requests, r => r.Path == "/api/v1/token" && r.StatusCode == 200);
        Assert.Contains(_net.Https.Requests, r => r.Path == "/api/v1/workloads" && r.StatusCode == 200);
    }

    [Fact]
    public void Without_the_CA_the_certificate_is_not_trusted_and_the_advice_names_CertificateAuthority_before_SkipCertificateCheck()
    {
        using var ps = new PowerShellSession();
        var result = ps.RunCatching("Connect-RunAi -BaseUri $uri -Token $token", new() { ["uri"] = _net.HttpsUri, ["token"] = _net.Token });

        var error = Assert.IsType<ErrorRecord>(result.Terminating);
        Assert.StartsWith("CertificateNotTrusted,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.SecurityError, error.CategoryInfo.Category);
        foreach (var text in new[] { error.Exception.Message, error.ErrorDetails.RecommendedAction })
        {
            var ca = text.IndexOf("-CertificateAuthority", StringComparison.Ordinal);
            Assert.True(ca >= 0 && ca < text.IndexOf("-SkipCertificateCheck", StringComparison.Ordinal), text);
        }

        Assert.Empty(_net.Https.Requests);
        Assert.Empty(ps.Run("Get-RunAiContext").Output);
    }

    [Fact]
    public void A_bundle_of_another_CA_does_not_make_the_server_trusted()
    {
        using var ps = new PowerShellSession();
        var result = ps.RunCatching("Connect-RunAi -BaseUri $uri -Token $token -CertificateAuthority $ca", new() { ["uri"] = _net.HttpsUri, ["token"] = _net.Token, ["ca"] = _net.OtherBundle });

        var error = Assert.IsType<ErrorRecord>(result.Terminating);
        Assert.StartsWith("CertificateNotTrusted,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains("does not chain to a CA in '" + _net.OtherBundle + "'", error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains(_net.OtherBundle, error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
        Assert.Empty(_net.Https.Requests);
    }

    [Fact]
    public void A_bundle_of_several_CAs_trusts_a_server_issued_by_any_of_them()
    {
        using var ps = new PowerShellSession();
        var result = ps.Run("Connect-RunAi -BaseUri $uri -Token $token -CertificateAuthority $ca -PassThru", new() { ["uri"] = _net.HttpsUri, ["token"] = _net.Token, ["ca"] = _net.BothBundle });

        Assert.Empty(result.Errors);
        Assert.Single(result.Output);
    }

    [Fact]
    public void The_host_name_must_still_match_when_the_CA_is_trusted()
    {
        using var ps = new PowerShellSession();
        var byAddress = new Uri($"https://127.0.0.1:{_net.Https.BaseUri.Port}/");
        var result = ps.RunCatching("Connect-RunAi -BaseUri $uri -Token $token -CertificateAuthority $ca", new() { ["uri"] = byAddress, ["token"] = _net.Token, ["ca"] = _net.CorporateBundle });

        var error = Assert.IsType<ErrorRecord>(result.Terminating);
        Assert.StartsWith("CertificateNotTrusted,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains("not valid for the host name '127.0.0.1'", error.Exception.Message, StringComparison.Ordinal);
        Assert.Empty(_net.Https.Requests);
    }

    [Fact]
    public void RUNAI_CA_BUNDLE_is_used_when_the_parameter_is_omitted()
    {
        using var ps = new PowerShellSession();
        var result = ps.Run(
            "$env:RUNAI_CA_BUNDLE = $ca; try { Connect-RunAi -BaseUri $uri -Token $token -PassThru } finally { $env:RUNAI_CA_BUNDLE = $null }",
            new() { ["uri"] = _net.HttpsUri, ["token"] = _net.Token, ["ca"] = _net.CorporateBundle });

        Assert.Empty(result.Errors);
        Assert.Equal(_net.CorporateBundle, result.Get<string>(0, "CertificateAuthority"));
    }

    [Fact]
    public void A_relative_path_is_read_from_the_PowerShell_location()
    {
        using var ps = new PowerShellSession();
        var result = ps.Run(
            """
            $before = $ExecutionContext.SessionState.Path.CurrentLocation
            $null = $ExecutionContext.SessionState.Path.SetLocation($dir)
            try { Connect-RunAi -BaseUri $uri -Token $token -CertificateAuthority ./corporate-ca.pem -PassThru } finally { $null = $ExecutionContext.SessionState.Path.SetLocation($before) }
            """,
            new() { ["uri"] = _net.HttpsUri, ["token"] = _net.Token, ["dir"] = _net.Directory });

        Assert.Empty(result.Errors);
        Assert.Equal(_net.CorporateBundle, result.Get<string>(0, "CertificateAuthority"));
    }

    [Fact]
    public void A_DER_certificate_as_Windows_exports_it_works_as_the_CA()
    {
        using var ps = new PowerShellSession();
        var result = ps.Run("Connect-RunAi -BaseUri $uri -Token $token -CertificateAuthority $ca -PassThru", new() { ["uri"] = _net.HttpsUri, ["token"] = _net.Token, ["ca"] = _net.CorporateDer });

        Assert.Empty(result.Errors);
        Assert.Single(result.Output);
    }

    [Theory]
    [InlineData("missing.pem", null)]
    [InlineData("text.pem", "this is not a certificate\n")]
    [InlineData("key.pem", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")]
    [InlineData("broken.pem", "-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----\n")]
    [InlineData("truncated.pem", "-----BEGIN CERTIFICATE-----\nMIIB\n")]
    public void A_missing_or_unusable_CA_file_fails_before_any_request_as_InvalidCertificateAuthority(string name, string? content)
    {
        var path = Path.Combine(_net.Directory, name);
        if (content != null)
        {
            File.WriteAllText(path, content);
        }

        using var ps = new PowerShellSession();
        var result = ps.RunCatching("Connect-RunAi -BaseUri $uri -Token $token -CertificateAuthority $ca", new() { ["uri"] = _net.HttpsUri, ["token"] = _net.Token, ["ca"] = path });

        var error = Assert.IsType<ErrorRecord>(result.Terminating);
        Assert.StartsWith("InvalidCertificateAuthority,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Equal(path, error.TargetObject);
        Assert.Contains(path, error.Exception.Message, StringComparison.Ordinal);
        Assert.Empty(_net.Https.Requests);
    }

    [Fact]
    public void CertificateAuthority_and_SkipCertificateCheck_together_are_refused()
    {
        using var ps = new PowerShellSession();
        var result = ps.RunCatching("Connect-RunAi -BaseUri $uri -Token $token -CertificateAuthority $ca -SkipCertificateCheck", new() { ["uri"] = _net.HttpsUri, ["token"] = _net.Token, ["ca"] = _net.CorporateBundle });

        var error = Assert.IsType<ErrorRecord>(result.Terminating);
        Assert.StartsWith("InvalidConnectionSettings,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Empty(_net.Https.Requests);
    }

    [Fact]
    public void Get_RunAiContext_shows_the_CA_file_in_use()
    {
        using var ps = new PowerShellSession();
        var result = ps.Run(
            "Connect-RunAi -BaseUri $uri -Token $token -CertificateAuthority $ca -Verbose; Get-RunAiContext",
            new() { ["uri"] = _net.HttpsUri, ["token"] = _net.Token, ["ca"] = _net.CorporateBundle });

        Assert.Empty(result.Errors);
        Assert.Equal(_net.CorporateBundle, result.Get<string>(0, "CertificateAuthority"));
        Assert.Null(result.Output[0].Properties["Proxy"].Value);
        Assert.Contains(result.Verbose, v => v.Contains("RunAi Test Corporate Root CA", StringComparison.Ordinal));
    }
}
