using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace RunAi.PowerShell.Loader
{
    /// <summary>
    /// The module's private load context. Our own dlls (module/) and third-party dlls (module/dependencies/) load
    /// here; everything else (System.Management.Automation, the runtime) comes from PowerShell's default context,
    /// so the cmdlets still speak PowerShell's types while their JSON and HTTP libraries stay private.
    /// </summary>
    internal sealed class IsolatedLoadContext : AssemblyLoadContext
    {
        // netstandard2.0 polyfills of types that are part of .NET itself: the runtime's own copy must win,
        // or Span<T>, ValueTask and friends would exist twice.
        private static readonly HashSet<string> RuntimeProvided = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "System.Memory",
            "System.Buffers",
            "System.Runtime.CompilerServices.Unsafe",
            "System.Numerics.Vectors",
            "System.Threading.Tasks.Extensions",
            "System.ValueTuple",
        };

        private readonly string[] _directories;

        private IsolatedLoadContext(string moduleDirectory)
        {
            _directories = new[] { moduleDirectory, Path.Combine(moduleDirectory, "dependencies") };
        }

        public static Assembly LoadCmdlets(string moduleDirectory)
        {
            var context = new IsolatedLoadContext(Path.GetFullPath(moduleDirectory));
            return context.LoadFromAssemblyName(new AssemblyName(ModuleLoader.CmdletAssemblyName));
        }

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var name = assemblyName.Name;
            if (name is null || RuntimeProvided.Contains(name))
            {
                return null;
            }

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
