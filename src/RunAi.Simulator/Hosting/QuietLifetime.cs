using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;

namespace RunAi.Simulator.Hosting;

/// <summary>No console messages and no Ctrl+C hooks for in-process hosts (the executable handles signals itself).</summary>
internal sealed class QuietLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
