using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace RunAi.DesktopDriver
{
    /// <summary>
    /// Calls into the module's assemblies by name. The program has no compile-time reference to them, so the only
    /// way their types and their dependencies are found is the way Windows PowerShell finds them.
    /// </summary>
    internal static class Reflected
    {
        public static object New(Assembly assembly, string typeName, params object?[] arguments) =>
            Unwrap(() => Activator.CreateInstance(assembly.GetType(typeName, throwOnError: true)!, arguments)!);

        public static object? Get(object target, string property) =>
            target.GetType().GetProperty(property)!.GetValue(target);

        public static void Set(object target, string property, object? value) =>
            target.GetType().GetProperty(property)!.SetValue(target, value);

        public static object? Call(object target, string method, params object?[] arguments)
        {
            var candidates = target.GetType().GetMethods().Where(m => m.Name == method && m.GetParameters().Length == arguments.Length).ToList();
            if (candidates.Count != 1)
            {
                throw new MissingMethodException(target.GetType().FullName, method);
            }

            return Unwrap(() => candidates[0].Invoke(target, arguments));
        }

        /// <summary>Awaits a Task or Task&lt;T&gt; and returns its result (null for a plain Task).</summary>
        public static async Task<object?> AwaitAsync(object? task)
        {
            var awaited = (Task)task!;
            await awaited.ConfigureAwait(false);
            var type = awaited.GetType();
            return type.IsGenericType ? type.GetProperty("Result")!.GetValue(awaited) : null;
        }

        /// <summary>Enumerates an IAsyncEnumerable&lt;T&gt; (Microsoft.Bcl.AsyncInterfaces on .NET Framework) to the end.</summary>
        public static async Task<List<object>> CollectAsync(object? sequence)
        {
            var items = new List<object>();
            // Compiler-generated iterators implement these interfaces explicitly: call through the interfaces.
            var enumerable = Interface(sequence!, "System.Collections.Generic.IAsyncEnumerable`1");
            var enumerator = enumerable.GetMethod("GetAsyncEnumerator")!.Invoke(sequence, new object[] { CancellationToken.None })!;
            var iterator = Interface(enumerator, "System.Collections.Generic.IAsyncEnumerator`1");
            try
            {
                while ((bool)(await AwaitAsync(AsTask(iterator.GetMethod("MoveNextAsync")!.Invoke(enumerator, null))).ConfigureAwait(false))!)
                {
                    items.Add(iterator.GetProperty("Current")!.GetValue(enumerator)!);
                }
            }
            finally
            {
                var disposable = Interface(enumerator, "System.IAsyncDisposable");
                await AwaitAsync(AsTask(disposable.GetMethod("DisposeAsync")!.Invoke(enumerator, null))).ConfigureAwait(false);
            }

            return items;
        }

        private static Type Interface(object target, string fullName) =>
            target.GetType().GetInterfaces().Single(i => (i.IsGenericType ? i.GetGenericTypeDefinition() : i).FullName == fullName);

        /// <summary>ValueTask and ValueTask&lt;T&gt; (System.Threading.Tasks.Extensions on .NET Framework) as a Task.</summary>
        private static object AsTask(object? valueTask) => valueTask!.GetType().GetMethod("AsTask")!.Invoke(valueTask, null)!;

        private static T Unwrap<T>(Func<T> call)
        {
            try
            {
                return call();
            }
            catch (TargetInvocationException ex) when (ex.InnerException != null)
            {
                ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
                throw;
            }
        }
    }
}
