using System;
using System.ComponentModel;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Threading.Tasks;
using RunAi.Client.Authentication;
using RunAi.Client.Http;
using RunAi.Tests.Servers;
using Xunit;

// The old protocols are the point: they are what a stock powershell.exe allows.
#pragma warning disable CA5364, CS0618, SYSLIB0014

namespace RunAi.Client.Tests;

/// <summary>
/// TLS on Windows PowerShell 5.1: TLS 1.2 is added to what .NET Framework allows, and a refused handshake is told
/// apart from an untrusted certificate (see FailureTests for that one) and from a transport fault.
/// </summary>
public sealed class TlsTests
{
    [Theory]
    [InlineData(SecurityProtocolType.Ssl3 | SecurityProtocolType.Tls, SecurityProtocolType.Ssl3 | SecurityProtocolType.Tls | SecurityProtocolType.Tls12)]
    [InlineData(SecurityProtocolType.Tls, SecurityProtocolType.Tls | SecurityProtocolType.Tls12)]
    [InlineData(SecurityProtocolType.Tls11, SecurityProtocolType.Tls11 | SecurityProtocolType.Tls12)]
    [InlineData(SecurityProtocolType.Tls12, SecurityProtocolType.Tls12)]
    [InlineData(SecurityProtocolType.Tls12 | SecurityProtocolType.Tls13, SecurityProtocolType.Tls12 | SecurityProtocolType.Tls13)]
    [InlineData(SecurityProtocolType.Tls13, SecurityProtocolType.Tls13 | SecurityProtocolType.Tls12)]
    public void Tls12_is_added_to_what_the_process_allows_and_nothing_is_taken_away(SecurityProtocolType current, SecurityProtocolType expected)
    {
        Assert.Equal(expected, FrameworkTls.WithTls12(current));
    }

    [Fact]
    public void SystemDefault_is_left_to_the_operating_system()
    {
        Assert.Equal(FrameworkTls.SystemDefault, FrameworkTls.WithTls12(FrameworkTls.SystemDefault));
    }

    [Fact]
    public void Outside_NET_Framework_the_process_wide_TLS_setting_is_never_touched()
    {
        Assert.False(FrameworkTls.IsNetFramework);
        var before = ServicePointManager.SecurityProtocol;
        try
        {
            ServicePointManager.SecurityProtocol = SecurityProtocolType.Tls;
            using var handler = HttpPipelineFactory.CreatePrimaryHandler(new RunAiClientOptions(new Uri("https://runai.example.com/"), new RunAiTokenCredential("t")));
            Assert.Equal(SecurityProtocolType.Tls, ServicePointManager.SecurityProtocol);
        }
        finally
        {
            ServicePointManager.SecurityProtocol = before;
        }
    }

    public static TheoryData<string, Exception, RunAiFailureKind> Failures => new()
    {
        {
            ".NET Framework, no common protocol",
            new HttpRequestException("An error occurred while sending the request.", new WebException("The request was aborted: Could not create SSL/TLS secure channel.", WebExceptionStatus.SecureChannelFailure)),
            RunAiFailureKind.TlsHandshake
        },
        {
            ".NET Framework, SChannel error inside",
            new HttpRequestException("An error occurred while sending the request.", new WebException("The underlying connection was closed.", new AuthenticationException("A call to SSPI failed, see inner exception.", new Win32Exception(unchecked((int)0x80090331), "The client and server cannot communicate, because they do not possess a common algorithm")), WebExceptionStatus.SecureChannelFailure, null)),
            RunAiFailureKind.TlsHandshake
        },
        {
            ".NET 8+ on Windows, SChannel error inside",
            new HttpRequestException("The SSL connection could not be established, see inner exception.", new AuthenticationException("Authentication failed, see inner exception.", new Win32Exception(unchecked((int)0x80090331)))),
            RunAiFailureKind.TlsHandshake
        },
        {
            ".NET Framework, untrusted certificate",
            new HttpRequestException("An error occurred while sending the request.", new WebException("Could not establish trust relationship for the SSL/TLS secure channel.", new AuthenticationException("The remote certificate is invalid according to the validation procedure."), WebExceptionStatus.TrustFailure, null)),
            RunAiFailureKind.Certificate
        },
        {
            ".NET 8+, untrusted certificate",
            new HttpRequestException("The SSL connection could not be established, see inner exception.", new AuthenticationException("The remote certificate is invalid because of errors in the certificate chain: UntrustedRoot")),
            RunAiFailureKind.Certificate
        },
        {
            ".NET Framework, connection refused",
            new HttpRequestException("An error occurred while sending the request.", new WebException("Unable to connect to the remote server", new SocketException(10061), WebExceptionStatus.ConnectFailure, null)),
            RunAiFailureKind.Transport
        },
        {
            ".NET 8+, connection refused",
            new HttpRequestException("Connection refused", new SocketException(111)),
            RunAiFailureKind.Transport
        },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void A_failed_handshake_an_untrusted_certificate_and_a_transport_fault_are_told_apart(string runtimeAndCase, Exception failure, RunAiFailureKind expected)
    {
        Assert.True(expected == TransportFailure.Classify(failure), runtimeAndCase);
    }

    [Fact]
    public async Task A_server_that_refuses_the_handshake_fails_at_once_with_advice_instead_of_retries_or_certificate_advice()
    {
        await using var server = ScriptedTcpServer.RefusingTlsHandshake();
        using var client = new RunAiClient(new RunAiClientOptions(server.HttpsBaseUri, new RunAiTokenCredential("t"))
        {
            MaxRetries = 3,
            RetryDelay = TimeSpan.FromMilliseconds(10),
        });

        var failure = await Assert.ThrowsAsync<RunAiApiException>(() => client.CountWorkloadsAsync());

        Assert.Equal(RunAiFailureKind.TlsHandshake, failure.Kind);
        Assert.Equal(1, failure.Attempts);
        Assert.Equal(1, server.Accepted);
        Assert.Contains("TLS handshake failed", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Enable TLS 1.2 or later", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not trusted", failure.Message, StringComparison.Ordinal);
    }
}
