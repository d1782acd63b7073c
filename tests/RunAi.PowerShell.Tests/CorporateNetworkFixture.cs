using System;
using System.IO;
using System.Net;
using System.Threading.Tasks;
using RunAi.Simulator;
using RunAi.Tests.Certificates;
using Xunit;

namespace RunAi.PowerShell.Tests;

/// <summary>
/// A corporate network in miniature: an internal CA and another one, the simulator on HTTPS with a certificate the
/// internal CA issued (for localhost and runai.corp.test, not for 127.0.0.1), a plain-HTTP simulator, CA bundle
/// files, and a forward proxy that wants Basic credentials and is the only one to resolve runai.corp.test.
/// </summary>
public sealed class CorporateNetworkFixture : IAsyncLifetime
{
    public const string InternalName = "runai.corp.test";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "runai-corp-" + Guid.NewGuid().ToString("N"));

    public TestCertificateAuthority CorporateCa { get; } = TestCertificateAuthority.Create("RunAi Test Corporate Root CA");

    public TestCertificateAuthority OtherCa { get; } = TestCertificateAuthority.Create("RunAi Test Other CA");

    public SimulatorHost Https { get; private set; } = null!;

    public SimulatorHost Http { get; private set; } = null!;

    public ForwardProxy Proxy { get; private set; } = null!;

    /// <summary>The Basic credentials the proxy accepts; the password is distinctive so a leak cannot hide.</summary>
    public NetworkCredential ProxyCredential { get; } = new("proxy-user", "pp-" + Guid.NewGuid().ToString("N"));

    /// <summary>The HTTPS simulator by a name its certificate holds, reached directly.</summary>
    public Uri HttpsUri => new($"https://localhost:{Https.BaseUri.Port}/");

    /// <summary>The HTTPS simulator by its internal name, which only the proxy resolves.</summary>
    public Uri InternalHttpsUri => new($"https://{InternalName}:{Https.BaseUri.Port}/");

    /// <summary>The plain-HTTP simulator by its internal name, which only the proxy resolves.</summary>
    public Uri InternalHttpUri => new($"http://{InternalName}:{Http.BaseUri.Port}/");

    public string Token => Https.Options.StaticToken;

    /// <summary>A bundle with the internal CA.</summary>
    public string CorporateBundle => Path.Combine(_directory, "corporate-ca.pem");

    /// <summary>A bundle with only the other CA.</summary>
    public string OtherBundle => Path.Combine(_directory, "other-ca.pem");

    /// <summary>Both CAs, the other first, with text around the blocks as real bundles have.</summary>
    public string BothBundle => Path.Combine(_directory, "both-ca.pem");

    /// <summary>The internal CA as DER, as Windows exports a .cer file.</summary>
    public string CorporateDer => Path.Combine(_directory, "corporate-ca.cer");

    public string Directory => _directory;

    public async Task InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(_directory);
        await File.WriteAllTextAsync(CorporateBundle, CorporateCa.Pem);
        await File.WriteAllTextAsync(OtherBundle, OtherCa.Pem);
        await File.WriteAllTextAsync(BothBundle, "# Other CA\n" + OtherCa.Pem + "\n# Corporate root\n" + CorporateCa.Pem);
        await File.WriteAllBytesAsync(CorporateDer, CorporateCa.Certificate.RawData);

        Https = await SimulatorHost.StartAsync(new SimulatorOptions
        {
            WorkloadCount = 50,
            UseHttps = true,
            ServerCertificate = CorporateCa.IssueServerCertificate("localhost", InternalName),
        });
        Http = await SimulatorHost.StartAsync(new SimulatorOptions { WorkloadCount = 50 });
        Proxy = ForwardProxy.Start();
        Proxy.Hosts[InternalName] = IPAddress.Loopback;
    }

    public async Task DisposeAsync()
    {
        // Null-safe: a start that failed half way still stops what did start.
        if (Proxy is not null)
        {
            await Proxy.DisposeAsync();
        }

        if (Https is not null)
        {
            await Https.DisposeAsync();
        }

        if (Http is not null)
        {
            await Http.DisposeAsync();
        }

        CorporateCa.Dispose();
        OtherCa.Dispose();
        if (System.IO.Directory.Exists(_directory))
        {
            System.IO.Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>Between tests: the proxy wants credentials again, every record is cleared and both simulators' knobs are reset.</summary>
    public void Reset()
    {
        Proxy.RequiredCredential = ProxyCredential;
        Proxy.Clear();
        Https.ResetKnobs();
        Http.ResetKnobs();
    }
}
