using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using RunAi.PowerShell.Loader;
using Xunit;

namespace RunAi.Client.Tests;

/// <summary>
/// Windows PowerShell 5.1's resolver (src/RunAi.PowerShell.Loader): the AssemblyResolve event fires for every
/// module's failed loads, so it must answer only the requests that are the module's own.
/// </summary>
public sealed class DependencyResolverTests
{
    // The Windows PowerShell build's folder, which the resolver indexes (with its dependencies/ folder).
    private static readonly string Module = Path.GetFullPath(Path.Combine(Path.GetTempPath(), "Modules", "RunAi", "bin", "Desktop"));
    private static readonly byte[] MicrosoftKey = [0xcc, 0x7b, 0x13, 0xff, 0xcd, 0x2d, 0xdd, 0x51];

    private static readonly IReadOnlyDictionary<string, ShippedAssembly> Shipped = new Dictionary<string, ShippedAssembly>(StringComparer.OrdinalIgnoreCase)
    {
        ["RunAi.PowerShell"] = new(Path.Combine(Module, "RunAi.PowerShell.dll"), new Version(0, 2, 0, 0), null),
        ["RunAi.Client"] = new(Path.Combine(Module, "RunAi.Client.dll"), new Version(0, 2, 0, 0), null),
        ["System.Text.Json"] = new(Path.Combine(Module, "dependencies", "System.Text.Json.dll"), new Version(10, 0, 0, 0), MicrosoftKey),
    };

    private static readonly string OurClient = Path.Combine(Module, "RunAi.Client.dll");
    private static readonly string OtherModule = Path.GetFullPath(Path.Combine(Path.GetTempPath(), "Modules", "Az.Accounts", "Microsoft.Azure.PowerShell.Authentication.dll"));

    [Theory]
    [InlineData("System.Text.Json, Version=10.0.0.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51")]
    [InlineData("System.Text.Json, Version=8.0.0.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51")]
    [InlineData("System.Text.Json")]
    public void A_request_from_our_own_dll_for_what_we_ship_is_answered_with_our_file(string requested)
    {
        Assert.Equal(Path.Combine(Module, "dependencies", "System.Text.Json.dll"), DependencyResolver.Choose(OurClient, new AssemblyName(requested), Shipped));
    }

    [Fact]
    public void A_request_without_a_requesting_assembly_is_answered_when_our_file_is_new_enough()
    {
        Assert.Equal(OurClient, DependencyResolver.Choose(null, new AssemblyName("RunAi.Client, Version=0.2.0.0"), Shipped));
    }

    [Theory]
    [InlineData("System.Text.Json, Version=11.0.0.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51")]
    [InlineData("RunAi.Client, Version=0.3.0.0")]
    public void A_request_for_a_newer_version_than_we_ship_is_left_to_others(string requested)
    {
        Assert.Null(DependencyResolver.Choose(OurClient, new AssemblyName(requested), Shipped));
        Assert.Null(DependencyResolver.Choose(null, new AssemblyName(requested), Shipped));
    }

    [Fact]
    public void A_request_from_another_modules_dll_is_left_to_others_even_for_our_version()
    {
        Assert.Null(DependencyResolver.Choose(OtherModule, new AssemblyName("System.Text.Json, Version=10.0.0.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51"), Shipped));
    }

    [Fact]
    public void A_request_from_an_older_copy_of_our_module_elsewhere_is_left_to_that_copy()
    {
        var olderCopy = Path.GetFullPath(Path.Combine(Path.GetTempPath(), "Modules", "RunAi", "0.1.0", "bin", "Desktop", "RunAi.PowerShell.dll"));
        Assert.Null(DependencyResolver.Choose(olderCopy, new AssemblyName("RunAi.Client, Version=0.1.0.0"), Shipped));
    }

    [Fact]
    public void A_request_from_an_assembly_without_a_file_is_left_to_others()
    {
        Assert.Null(DependencyResolver.Choose(string.Empty, new AssemblyName("System.Text.Json, Version=10.0.0.0"), Shipped));
    }

    [Fact]
    public void A_request_signed_with_another_key_or_for_a_name_we_do_not_ship_is_left_to_others()
    {
        Assert.Null(DependencyResolver.Choose(OurClient, new AssemblyName("System.Text.Json, Version=10.0.0.0, Culture=neutral, PublicKeyToken=0123456789abcdef"), Shipped));
        Assert.Null(DependencyResolver.Choose(OurClient, new AssemblyName("Newtonsoft.Json, Version=13.0.0.0, Culture=neutral, PublicKeyToken=30ad4fe6b2a6aeed"), Shipped));
        Assert.Null(DependencyResolver.Choose(OurClient, new AssemblyName("System.Text.Json.resources, Version=10.0.0.0, Culture=de, PublicKeyToken=cc7b13ffcd2ddd51"), Shipped));
    }

    [Fact]
    public void The_index_reads_each_shipped_dlls_identity_from_both_folders()
    {
        var root = Path.Combine(Path.GetTempPath(), "runai-index-" + Guid.NewGuid().ToString("N"));
        try
        {
            var client = typeof(RunAiClient).Assembly;
            var polly = typeof(Polly.ResiliencePipeline).Assembly;
            Directory.CreateDirectory(Path.Combine(root, "dependencies"));
            File.Copy(client.Location, Path.Combine(root, "RunAi.Client.dll"));
            File.Copy(polly.Location, Path.Combine(root, "dependencies", "Polly.Core.dll"));
            File.WriteAllText(Path.Combine(root, "dependencies", "native.dll"), "not a .NET assembly");

            var index = ShippedAssembly.Index(root);

            Assert.Equal(2, index.Count);
            Assert.Equal(client.GetName().Version, index["RunAi.Client"].Version);
            Assert.Equal(Path.Combine(root, "dependencies", "Polly.Core.dll"), index["polly.core"].Path);
            Assert.Equal(polly.GetName().GetPublicKeyToken(), index["Polly.Core"].PublicKeyToken);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
