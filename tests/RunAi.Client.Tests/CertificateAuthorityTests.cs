using System;
using System.IO;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using RunAi.Client;
using RunAi.Client.Authentication;
using RunAi.Client.Http;
using RunAi.Simulator;
using RunAi.Tests.Certificates;
using Xunit;

namespace RunAi.Client.Tests;

/// <summary>
/// A session's CA bundle (<see cref="RunAiClientOptions.CertificateAuthority"/>) against servers whose chains an
/// internal PKI would produce: a root and an intermediate, expired certificates, bundles with text around the blocks.
/// </summary>
public sealed class CertificateAuthorityTests : IClassFixture<TwoTierPki>, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "runai-ca-" + Guid.NewGuid().ToString("N"));
    private readonly TestCertificateAuthority _root;
    private readonly TestCertificateAuthority _intermediate;

    public CertificateAuthorityTests(TwoTierPki pki)
    {
        Directory.CreateDirectory(_directory);
        _root = pki.Root;
        _intermediate = pki.Intermediate;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task An_intermediate_CA_in_the_bundle_is_enough_to_trust_the_certificates_it_issued()
    {
        await using var server = await StartAsync(_intermediate.IssueServerCertificate("localhost"));
        using var client = Client(server, Bundle("issuing.pem", _intermediate.Pem));

        Assert.True(await client.CountWorkloadsAsync() >= 0);
    }

    [Fact]
    public async Task The_root_and_its_intermediate_in_one_bundle_trust_a_server_that_sends_only_its_own_certificate()
    {
        await using var server = await StartAsync(_intermediate.IssueServerCertificate("localhost"));
        using var client = Client(server, Bundle("chain.pem", _root.Pem + _intermediate.Pem));

        Assert.True(await client.CountWorkloadsAsync() >= 0);
    }

    [Fact]
    public async Task The_root_alone_cannot_vouch_for_a_server_whose_intermediate_is_missing()
    {
        await using var server = await StartAsync(_intermediate.IssueServerCertificate("localhost"));
        using var client = Client(server, Bundle("root.pem", _root.Pem));

        var failure = await Assert.ThrowsAsync<RunAiApiException>(() => client.CountWorkloadsAsync());
        Assert.Equal(RunAiFailureKind.Certificate, failure.Kind);
        Assert.Equal(1, failure.Attempts);
        Assert.Contains("does not chain to a CA in", failure.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task An_expired_certificate_from_the_trusted_CA_is_refused_and_the_message_says_so()
    {
        var expired = _intermediate.IssueServerCertificate(DateTimeOffset.UtcNow.AddHours(-20), DateTimeOffset.UtcNow.AddHours(-2), "localhost");
        await using var server = await StartAsync(expired);
        using var client = Client(server, Bundle("issuing.pem", _intermediate.Pem));

        var failure = await Assert.ThrowsAsync<RunAiApiException>(() => client.CountWorkloadsAsync());
        Assert.Equal(RunAiFailureKind.Certificate, failure.Kind);
        Assert.Contains("is not valid", failure.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public void A_bundle_reads_every_certificate_block_and_skips_the_text_around_them()
    {
        var bundle = CertificateAuthorityBundle.Load(Bundle("commented.pem", "# root\r\n" + _root.Pem.Replace("\n", "\r\n", StringComparison.Ordinal) + "subject=...\n" + _intermediate.Pem + "\n"));

        Assert.Equal(2, bundle.Certificates.Count);
        Assert.Equal(_root.Certificate.Thumbprint, bundle.Certificates[0].Thumbprint);
        Assert.Equal(_intermediate.Certificate.Thumbprint, bundle.Certificates[1].Thumbprint);
        Assert.True(Path.IsPathFullyQualified(bundle.Path));
    }

    [Fact]
    public void A_missing_file_and_a_file_without_certificates_fail_with_messages_that_name_them()
    {
        var missing = Path.Combine(_directory, "missing.pem");
        var notFound = Assert.Throws<FileNotFoundException>(() => CertificateAuthorityBundle.Load(missing));
        Assert.Contains(missing, notFound.Message, StringComparison.Ordinal);

        var empty = Bundle("empty.pem", string.Empty);
        var invalid = Assert.Throws<InvalidDataException>(() => CertificateAuthorityBundle.Load(empty));
        Assert.Contains(empty, invalid.Message, StringComparison.Ordinal);
    }

    private static Task<SimulatorHost> StartAsync(X509Certificate2 certificate) =>
        SimulatorHost.StartAsync(new SimulatorOptions { WorkloadCount = 5, UseHttps = true, ServerCertificate = certificate });

    private static RunAiClient Client(SimulatorHost server, string bundle) =>
        new(new RunAiClientOptions(new Uri($"https://localhost:{server.BaseUri.Port}/"), new RunAiTokenCredential(server.Options.StaticToken))
        {
            CertificateAuthority = CertificateAuthorityBundle.Load(bundle),
            MaxRetries = 0,
        });

    private string Bundle(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }
}

/// <summary>A root CA and the intermediate it signed, made once for the test class (key generation is the slow part).</summary>
public sealed class TwoTierPki : IDisposable
{
    public TwoTierPki() => Intermediate = Root.CreateIntermediate("RunAi Client Test Issuing CA");

    public TestCertificateAuthority Root { get; } = TestCertificateAuthority.Create("RunAi Client Test Root CA");

    public TestCertificateAuthority Intermediate { get; }

    public void Dispose()
    {
        Intermediate.Dispose();
        Root.Dispose();
    }
}
