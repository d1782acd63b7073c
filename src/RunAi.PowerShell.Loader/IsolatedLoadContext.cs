using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace RunAi.PowerShell.Loader
{
    /// <summary>
    /// The module's private load context on PowerShell 7. The net8.0 build's own dlls (bin/Core) and the third-party
    /// dlls the runtime lacks (bin/Core/dependencies: Polly, Microsoft.Extensions.*) load here; everything else
    /// (System.Management.Automation, System.Text.Json and the rest of the runtime) comes from PowerShell's default
    /// context, precompiled, so the cmdlets speak PowerShell's types while their HTTP libraries stay private.
    /// </summary>
    internal sealed class IsolatedLoadContext : AssemblyLoadContext
    {
        private readonly string[] _directories;

        private IsolatedLoadContext(string buildDirectory)
        {
            _directories = new[] { buildDirectory, Path.Combine(buildDirectory, "dependencies") };
        }

        public static Assembly LoadCmdlets(string buildDirectory)
        {
            var context = new IsolatedLoadContext(buildDirectory);
            return context.LoadFromAssemblyName(new AssemblyName(ModuleLoader.CmdletAssemblyName));
        }

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var name = assemblyName.Name;
            if (name is null)
            {
                return null;
            }

            // The build ships nothing the runtime carries (tests check it), so a name found here is ours to load.
            foreach (var directory in _directories)
            {
                var candidate = Path.Combine(directory, name + ".dll");
                if (File.Exists(candidate))
                {
                    return LoadFromAssemblyPath(candidate);
                }
            }

            return null;
        }
    }
}
