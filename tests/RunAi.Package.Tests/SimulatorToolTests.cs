using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Xunit;

namespace RunAi.Package.Tests;

/// <summary>out/RunAi.Simulator.&lt;version&gt;.nupkg: the simulator as a .NET tool, for users' own Pester suites.</summary>
[Collection("package")]
public sealed class SimulatorToolTests
{
    private readonly PackageFixture package;

    public SimulatorToolTests(PackageFixture package) => this.package = package;

    [Fact]
    public async Task Simulator_tool_installs_from_the_package_folder_and_serves_on_a_free_port()
    {
        using (var zip = ZipFile.OpenRead(package.SimulatorNupkg))
        {
            var nuspec = ModuleNupkgTests.ReadNuspec(zip, "RunAi.Simulator.nuspec");
            Assert.Equal(package.Version, nuspec.Elements().Single(e => e.Name.LocalName == "version").Value);
            Assert.Contains(nuspec.Descendants(), e => e.Name.LocalName == "packageType" && (string?)e.Attribute("name") == "DotnetTool");
        }

        // Only the package folder as a source (--source replaces the configured feeds: no network), and a package
        // cache of its own, so a same-version package cached by an earlier run can't stand in for this one.
        var toolPath = Path.Combine(package.Root, "tools");
        DotNetCli.Run(
            new[] { "tool", "install", "RunAi.Simulator", "--version", package.Version, "--tool-path", toolPath, "--source", package.OutDirectory },
            new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(package.Root, "nuget-packages") },
            TimeSpan.FromMinutes(3));

        var command = Path.Combine(toolPath, OperatingSystem.IsWindows() ? "runai-sim.exe" : "runai-sim");
        using var simulator = DotNetCli.StartProgram(command, new[] { "--urls", "http://127.0.0.1:0", "--workloads", "25" });
        try
        {
            // It says where it listens and how to sign in, as `dotnet run --project src/RunAi.Simulator` does.
            var listening = await ReadLineAsync(simulator);
            var address = Regex.Match(listening, @"^Listening on (http://127\.0\.0\.1:(\d+)/)$");
            Assert.True(address.Success, $"first line: '{listening}'");
            Assert.NotEqual("0", address.Groups[2].Value);
            var credentials = await ReadLineAsync(simulator);
            Assert.Contains("Static token: sim-static-token", credentials, StringComparison.Ordinal);
            Assert.Contains("Workloads: 25", credentials, StringComparison.Ordinal);

            using var client = new HttpClient { BaseAddress = new Uri(address.Groups[1].Value), Timeout = TimeSpan.FromSeconds(30) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sim-static-token");
            using var response = await client.GetAsync(new Uri("api/v1/workloads?limit=5", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(5, body.RootElement.GetProperty("workloads").GetArrayLength());
        }
        finally
        {
            DotNetCli.Stop(simulator);
        }
    }

    private static async Task<string> ReadLineAsync(System.Diagnostics.Process process)
    {
        try
        {
            return await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)) ?? "<end of output>";
        }
        catch (TimeoutException)
        {
            return "<nothing within 60 s>";
        }
    }
}
