using System;
using System.IO;
using System.Reflection;

namespace RunAi.PowerShell.Loader
{
    /// <summary>Called by RunAi.psm1 to load the cmdlet assembly with its dependencies kept apart from other modules'.</summary>
    public static class ModuleLoader
    {
        internal const string CmdletAssemblyName = "RunAi.PowerShell";
        private static readonly object Gate = new object();
        private static Assembly? _loaded;

        /// <summary>PowerShell 7: loads the cmdlets and their dependencies into a private AssemblyLoadContext (once per process).</summary>
        public static Assembly LoadIsolated(string moduleDirectory)
        {
            lock (Gate)
            {
                return _loaded ??= IsolatedLoadContext.LoadCmdlets(moduleDirectory);
            }
        }

        /// <summary>Windows PowerShell 5.1: resolves the dependencies from module/dependencies when .NET Framework asks for them.</summary>
        public static Assembly LoadShared(string moduleDirectory)
        {
            lock (Gate)
            {
                if (_loaded is null)
                {
                    var resolver = new DependencyResolver(moduleDirectory);
                    AppDomain.CurrentDomain.AssemblyResolve += resolver.Resolve;
                    _loaded = Assembly.LoadFrom(Path.Combine(moduleDirectory, CmdletAssemblyName + ".dll"));
                }

                return _loaded;
            }
        }
    }
}
