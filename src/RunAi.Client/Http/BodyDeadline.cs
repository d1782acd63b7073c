using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace RunAi.Client.Http
{
    /// <summary>
    /// Bounds reading a response body by a deadline on every runtime. A CancellationToken alone is not enough:
    /// .NET Framework's response stream looks at the token only before a read starts, so a server that sends its
    /// headers and then stalls would hang a scheduled task for ever. When the deadline passes (or the caller cancels)
    /// while a read is still pending, the read is abandoned and the response's content is closed, which ends it.
    /// </summary>
    internal static class BodyDeadline
    {
        /// <summary>
        /// Runs <paramref name="read"/> over the response's content with a token that fires at the deadline.
        /// Throws <see cref="TimeoutException"/> when the deadline passed, or OperationCanceledException when the
        /// caller cancelled, whatever the read was doing then.
        /// </summary>
        public static async Task<T> RunAsync<T>(
            HttpResponseMessage response, TimeSpan timeout, Func<HttpContent, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
        {
            var content = response.Content;
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var ended = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            using var registration = deadline.Token.Register(state => ((TaskCompletionSource<bool>)state!).TrySetResult(true), ended);
            deadline.CancelAfter(timeout);

            var reading = read(content, deadline.Token);
            try
            {
                if (await Task.WhenAny(reading, ended.Task).ConfigureAwait(false) == reading)
                {
                    return await reading.ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                // A runtime that honours the token, or a read that failed because the deadline closed the stream.
                throw new TimeoutException("The body did not arrive in time.", ex);
            }
            catch (Exception ex) when (cancellationToken.IsCancellationRequested && !(ex is OperationCanceledException))
            {
                throw new OperationCanceledException("The call was cancelled while its answer was read.", ex, cancellationToken);
            }

            // The deadline passed with a read still pending: the stream ignores the token (.NET Framework).
            Abandon(response, content, reading);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException("The body did not arrive in time.");
        }

        /// <summary>The content's stream; on .NET 8+ opening it also stops at <paramref name="token"/> (netstandard2.0 has no such overload).</summary>
        public static Task<System.IO.Stream> OpenAsync(HttpContent content, CancellationToken token) =>
#if NET
            content.ReadAsStreamAsync(token);
#else
            content.ReadAsStreamAsync();
#endif

        private static void Abandon(HttpResponseMessage response, HttpContent content, Task reading)
        {
            // The pending read ends in an I/O error once the content is closed; nobody waits for it any more.
            _ = reading.ContinueWith(
                static finished => _ = finished.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);

            // Closing a .NET Framework response stream can itself wait (it first drains a small remainder), so it
            // happens off this thread, and the response gets an empty content so the caller's Dispose returns at once.
            response.Content = new ByteArrayContent(Array.Empty<byte>());
            _ = Task.Run(content.Dispose);
        }
    }
}
