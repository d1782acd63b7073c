using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace RunAi.PowerShell.Loader
{
    /// <summary>
    /// Called by RunAi.psm1 to load the cmdlet assembly built for the running edition, with its dependencies kept
    /// apart from other modules'. The module folder holds one build per edition:
    /// <c>bin/Core</c> (net8.0, PowerShell 7.4+: only what the runtime lacks is shipped) and <c>bin/Desktop</c>
    /// (netstandard2.0, Windows PowerShell 5.1: with every dependency), each with its third-party dlls in <c>dependencies/</c>.
    /// </summary>
    public static class ModuleLoader
    {
        internal const string CmdletAssemblyName = "RunAi.PowerShell";
        private static readonly object Gate = new object();
        private static Assembly? _loaded;

        /// <summary>The folder of the net8.0 build, for PowerShell 7.4+.</summary>
        public static string CoreDirectory(string moduleDirectory) => Path.Combine(Path.GetFullPath(moduleDirectory), "bin", "Core");

        /// <summary>The folder of the netstandard2.0 build, for Windows PowerShell 5.1.</summary>
        public static string DesktopDirectory(string moduleDirectory) => Path.Combine(Path.GetFullPath(moduleDirectory), "bin", "Desktop");

        /// <summary>PowerShell 7: loads the net8.0 cmdlets and their dependencies into a private AssemblyLoadContext (once per process).</summary>
        public static Assembly LoadIsolated(string moduleDirectory)
        {
            lock (Gate)
            {
                return _loaded ??= IsolatedLoadContext.LoadCmdlets(CoreDirectory(moduleDirectory));
            }
        }

        /// <summary>
        /// Hands every cmdlet of <paramref name="cmdlets"/> (the cmdlet assembly, imported privately) to
        /// <paramref name="module"/> (RunAi.psm1's own), so each import exports them again. Each points at the one help
        /// file both builds share, beside RunAi.psm1 in <paramref name="moduleDirectory"/>: help is otherwise looked up
        /// beside the manifest, which in a source checkout is not where the MAML lives, and a rooted help path is used as it is.
        /// </summary>
        public static void ExportCmdlets(PSModuleInfo module, PSModuleInfo cmdlets, string moduleDirectory)
        {
            var directory = Path.GetFullPath(moduleDirectory);
            var helpFile = Path.Combine(directory, CmdletAssemblyName + ".dll-Help.xml");

            // Get-Help finds about_RunAi under the base folder of a loaded module. The cmdlet assembly's module would have
            // its build's folder (bin/Core, bin/Desktop) as its base; its help lives beside RunAi.psm1. (An installed
            // module has the manifest there too, so about_RunAi is found either way; a source checkout needs this.)
            ModuleInternals.TrySetModuleBase(cmdlets, directory);
            foreach (var cmdlet in cmdlets.ExportedCmdlets.Values)
            {
                ModuleInternals.SetHelpFile(cmdlet, helpFile);
                ModuleInternals.AddExportedCmdlet(module, cmdlet);
            }
        }

        /// <summary>Windows PowerShell 5.1: loads the netstandard2.0 cmdlets and answers .NET Framework's requests for their dependencies.</summary>
        public static Assembly LoadShared(string moduleDirectory)
        {
            lock (Gate)
            {
                if (_loaded is null)
                {
                    var build = DesktopDirectory(moduleDirectory);
                    var resolver = new DependencyResolver(build);
                    AppDomain.CurrentDomain.AssemblyResolve += resolver.Resolve;
                    _loaded = Assembly.LoadFrom(Path.Combine(build, CmdletAssemblyName + ".dll"));
                }

                return _loaded;
            }
        }
    }
}
