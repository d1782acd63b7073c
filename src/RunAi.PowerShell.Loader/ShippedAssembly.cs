using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;

namespace RunAi.PowerShell.Loader
{
    /// <summary>A dll a build of the module ships (module/bin/Desktop or its dependencies/ folder): its file and the identity it answers for.</summary>
    internal sealed class ShippedAssembly
    {
        public ShippedAssembly(string path, Version version, byte[]? publicKeyToken)
        {
            Path = path;
            Version = version;
            PublicKeyToken = publicKeyToken ?? Array.Empty<byte>();
        }

        public string Path { get; }

        public Version Version { get; }

        public byte[] PublicKeyToken { get; }

        /// <summary>Reads the identity of every dll in a build folder and its dependencies/ folder (metadata only; nothing is loaded).</summary>
        public static IReadOnlyDictionary<string, ShippedAssembly> Index(string buildDirectory)
        {
            var shipped = new Dictionary<string, ShippedAssembly>(StringComparer.OrdinalIgnoreCase);
            var root = System.IO.Path.GetFullPath(buildDirectory);
            foreach (var directory in new[] { root, System.IO.Path.Combine(root, "dependencies") })
            {
                if (!Directory.Exists(directory))
                {
                    continue;
                }

                foreach (var file in Directory.GetFiles(directory, "*.dll"))
                {
                    AssemblyName name;
                    try
                    {
                        name = AssemblyName.GetAssemblyName(file);
                    }
                    catch (BadImageFormatException)
                    {
                        continue; // a native dll: nothing a .NET reference can ask for
                    }

                    if (name.Name != null && !shipped.ContainsKey(name.Name))
                    {
                        shipped.Add(name.Name, new ShippedAssembly(file, name.Version ?? new Version(0, 0, 0, 0), name.GetPublicKeyToken()));
                    }
                }
            }

            return shipped;
        }
    }
}
