using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Reflection;

namespace RunAi.PowerShell.Loader
{
    /// <summary>
    /// Windows PowerShell 5.1 has one load context per process, so the module answers .NET Framework's
    /// <c>AssemblyResolve</c> for the dlls it ships. The event fires for every module's failed loads; this handler
    /// answers only the requests it owns (<see cref="Choose"/>) and leaves every other one to the next handler.
    /// </summary>
    internal sealed class DependencyResolver
    {
        private readonly IReadOnlyDictionary<string, ShippedAssembly> _shipped;
        private readonly ConcurrentDictionary<string, Assembly> _loaded = new ConcurrentDictionary<string, Assembly>(StringComparer.OrdinalIgnoreCase);

        public DependencyResolver(string buildDirectory) => _shipped = ShippedAssembly.Index(buildDirectory);

        public Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            var requester = args.RequestingAssembly;
            var path = Choose(requester is null ? null : LocationOf(requester), new AssemblyName(args.Name), _shipped);

            // Answers are cached per file: every request the module owns gets the one assembly loaded from it.
            return path is null ? null : _loaded.GetOrAdd(path, Assembly.LoadFrom);
        }

        /// <summary>
        /// The decision, on its own: the shipped file that answers <paramref name="requested"/>, or null when the
        /// request is not the module's to answer. It is when the request comes from one of the module's own files
        /// (or from no assembly at all, as with <c>Assembly.Load</c> by name), a file of that name is shipped with the
        /// same public key, and its version is at least the one asked for. Another module asking for a newer
        /// System.Text.Json than ours must get its own copy or a clear failure, never ours and a MissingMethodException.
        /// </summary>
        /// <param name="requestingAssemblyPath">The requesting assembly's file; null when there is no requesting assembly, empty when it has no file.</param>
        /// <param name="requested">The name the runtime could not bind.</param>
        /// <param name="shipped">The module's dlls by simple name (<see cref="ShippedAssembly.Index"/>).</param>
        internal static string? Choose(string? requestingAssemblyPath, AssemblyName requested, IReadOnlyDictionary<string, ShippedAssembly> shipped)
        {
            if (requested.Name is null || !shipped.TryGetValue(requested.Name, out var candidate))
            {
                return null;
            }

            if (requestingAssemblyPath != null && !IsShipped(requestingAssemblyPath, shipped))
            {
                return null;
            }

            if (requested.Version != null && candidate.Version < requested.Version)
            {
                return null;
            }

            var wantedKey = requested.GetPublicKeyToken();
            if (wantedKey != null && wantedKey.Length > 0 && !SameKey(wantedKey, candidate.PublicKeyToken))
            {
                return null;
            }

            return candidate.Path;
        }

        private static bool IsShipped(string path, IReadOnlyDictionary<string, ShippedAssembly> shipped)
        {
            if (path.Length == 0)
            {
                return false;
            }

            var name = System.IO.Path.GetFileNameWithoutExtension(path);
            return shipped.TryGetValue(name, out var file) && string.Equals(Normalize(file.Path), Normalize(path), StringComparison.OrdinalIgnoreCase);
        }

        private static string Normalize(string path) => System.IO.Path.GetFullPath(path);

        private static bool SameKey(byte[] wanted, byte[] shipped)
        {
            if (wanted.Length != shipped.Length)
            {
                return false;
            }

            for (var i = 0; i < wanted.Length; i++)
            {
                if (wanted[i] != shipped[i])
                {
                    return false;
                }
            }

            return true;
        }

        private static string LocationOf(Assembly assembly)
        {
            try
            {
                return assembly.IsDynamic ? string.Empty : assembly.Location;
            }
            catch (NotSupportedException)
            {
                return string.Empty;
            }
        }
    }
}
