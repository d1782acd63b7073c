using System;
using System.Management.Automation;
using System.Threading.Tasks;
using RunAi.Tests.Servers;
using Xunit;

namespace RunAi.PowerShell.Tests;

/// <summary>A server that refuses the TLS handshake, as a user meets it: its own ErrorId, advice that can help, no retries.</summary>
[Collection("engine")]
public sealed class TlsHandshakeErrorTests
{
    [Fact]
    public async Task Connect_to_a_server_that_refuses_the_handshake_fails_as_TlsHandshakeFailed_with_advice_not_as_an_untrusted_certificate()
    {
        await using var server = ScriptedTcpServer.RefusingTlsHandshake();
        using var ps = new PowerShellSession();

        var result = ps.RunCatching($"Connect-RunAi -BaseUri '{server.HttpsBaseUri}' -Token t -MaxRetryCount 3 -RetryDelayMilliseconds 10");

        var error = Assert.IsType<ErrorRecord>(result.Terminating);
        Assert.StartsWith("TlsHandshakeFailed,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.SecurityError, error.CategoryInfo.Category);
        Assert.Contains("TLS 1.2", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
        Assert.DoesNotContain("CA certificate", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
        Assert.Equal(1, server.Accepted);
    }
}
