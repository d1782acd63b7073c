using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;

namespace RunAi.DesktopDriver
{
    /// <summary>
    /// Loads module/ as RunAi.psm1 does on Windows PowerShell 5.1 (its netstandard2.0 build, bin/Desktop) and runs the client calls a scheduled task makes,
    /// printing one tab-separated line per scenario (name, outcome, detail) for the test to read.
    /// Usage: RunAi.DesktopDriver.exe moduleDirectory apiBaseUri clientId clientSecret stalledBaseUri
    /// </summary>
    internal static class Program
    {
        private static Assembly _client = null!;

        public static int Main(string[] args)
        {
            if (args.Length != 5)
            {
                Console.Error.WriteLine("usage: RunAi.DesktopDriver.exe moduleDirectory apiBaseUri clientId clientSecret stalledBaseUri");
                return 2;
            }

            try
            {
                RunAsync(args[0], new Uri(args[1]), args[2], args[3], new Uri(args[4])).GetAwaiter().GetResult();
                return 0;
            }
            catch (Exception ex)
            {
                // Anything unexpected (a load failure above all) is the finding: print all of it.
                Console.Error.WriteLine(ex.ToString());
                return 1;
            }
            finally
            {
                foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies().OrderBy(a => a.GetName().Name, StringComparer.Ordinal))
                {
                    Report("assembly", assembly.GetName().Name!, assembly.GetName().Version + "\t" + (assembly.IsDynamic ? "(dynamic)" : assembly.Location));
                }
            }
        }

        private static async Task RunAsync(string moduleDirectory, Uri api, string clientId, string clientSecret, Uri stalled)
        {
            Report("runtime", Type.GetType("Mono.Runtime") is null ? ".NET Framework" : "Mono", Environment.Version.ToString());

            // RunAi.psm1, Desktop branch: LoadFrom the loader, then ModuleLoader.LoadShared(module directory).
            var loader = Assembly.LoadFrom(Path.Combine(moduleDirectory, "RunAi.PowerShell.Loader.dll"));
            var cmdlets = (Assembly)loader.GetType("RunAi.PowerShell.Loader.ModuleLoader", throwOnError: true)!
                .GetMethod("LoadShared")!.Invoke(null, new object[] { moduleDirectory })!;
            Report("load", "ok", cmdlets.FullName + " at " + cmdlets.Location);

            // The cmdlets' own reference to RunAi.Client is bound the way the runtime binds any dependency of an
            // assembly loaded with LoadFrom: from the same folder (the netstandard2.0 build's, bin/Desktop). Everything
            // RunAi.Client needs in turn (System.Text.Json, Polly, Microsoft.Extensions.*) is left to the module's resolver.
            _client = Assembly.LoadFrom(Path.Combine(Path.GetDirectoryName(cmdlets.Location)!, "RunAi.Client.dll"));

            var client = NewClient(api, Reflected.New(_client, "RunAi.Client.Authentication.RunAiClientCredential", clientId, clientSecret), TimeSpan.FromSeconds(30));
            var count = await Reflected.AwaitAsync(Reflected.Call(client, "VerifyConnectionAsync", System.Threading.CancellationToken.None)).ConfigureAwait(false);
            Report("connect", "ok", "count=" + count);

            var paging = Reflected.New(_client, "RunAi.Client.Paging.PagingOptions");
            Reflected.Set(paging, "PageSize", 50);
            var workloads = await Reflected.CollectAsync(Reflected.Call(client, "ListWorkloadsAsync", null, paging, System.Threading.CancellationToken.None)).ConfigureAwait(false);
            var ids = workloads.Select(w => (Guid)Reflected.Get(w, "Id")!).ToList();
            Report("list", "ok", "items=" + ids.Count + " distinct=" + ids.Distinct().Count());

            var events = await Reflected.CollectAsync(Reflected.Call(client, "ListWorkloadEventsAsync", ids[0], null, null, System.Threading.CancellationToken.None)).ConfigureAwait(false);
            Report("events", "ok", "workload=" + ids[0] + " items=" + events.Count);

            await ExpectFailureAsync("notfound", () => Reflected.Call(client, "GetWorkloadAsync", Guid.NewGuid(), System.Threading.CancellationToken.None)).ConfigureAwait(false);

            var stalling = NewClient(stalled, Reflected.New(_client, "RunAi.Client.Authentication.RunAiTokenCredential", "stalled-token"), TimeSpan.FromSeconds(2));
            await ExpectFailureAsync("timeout", () => Reflected.Call(stalling, "CountWorkloadsAsync", null, System.Threading.CancellationToken.None)).ConfigureAwait(false);

            // Another module asking for a newer System.Text.Json than ours must not be handed ours.
            try
            {
                var answered = Assembly.Load(new AssemblyName("System.Text.Json, Version=99.0.0.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51"));
                Report("foreign", "answered", answered.GetName().Version + " at " + answered.Location);
            }
            catch (FileNotFoundException)
            {
                Report("foreign", "refused", "System.Text.Json 99.0.0.0");
            }

            ((IDisposable)client).Dispose();
            ((IDisposable)stalling).Dispose();
        }

        private static object NewClient(Uri baseUri, object credential, TimeSpan attemptTimeout)
        {
            var options = Reflected.New(_client, "RunAi.Client.RunAiClientOptions", baseUri, credential);
            Reflected.Set(options, "AttemptTimeout", attemptTimeout);
            Reflected.Set(options, "MaxRetries", 1);
            Reflected.Set(options, "RetryDelay", TimeSpan.FromMilliseconds(10));
            return Reflected.New(_client, "RunAi.Client.RunAiClient", options);
        }

        private static async Task ExpectFailureAsync(string scenario, Func<object?> call)
        {
            var clock = Stopwatch.StartNew();
            try
            {
                await Reflected.AwaitAsync(call()).ConfigureAwait(false);
                Report(scenario, "succeeded", string.Empty);
            }
            catch (Exception ex) when (ex.GetType().FullName == "RunAi.Client.RunAiApiException")
            {
                Report(
                    scenario,
                    Reflected.Get(ex, "Kind")!.ToString()!,
                    "status=" + Reflected.Get(ex, "StatusCode") + " attempts=" + Reflected.Get(ex, "Attempts") +
                    " seconds=" + clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " message=" + ex.Message);
            }
        }

        private static void Report(string scenario, string outcome, string detail) =>
            Console.WriteLine(scenario + "\t" + outcome + "\t" + detail.Replace('\n', ' ').Replace('\r', ' '));
    }
}
