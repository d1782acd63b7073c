using System;
using Xunit;

namespace RunAi.PowerShell.Tests;

/// <summary>
/// The set-up every engine test class shares: its simulator fixture, with every fault knob and the request log reset
/// before each test and after it. Classes that hold more (a connected session) override <see cref="Dispose(bool)"/>.
/// </summary>
[Collection("engine")]
public abstract class EngineTests<TFixture> : IClassFixture<TFixture>, IDisposable
    where TFixture : SimulatorFixture
{
    protected EngineTests(TFixture sim)
    {
        Sim = sim;
        sim.Reset();
    }

    /// <summary>The simulator this class's tests run against (one per class, shared by its tests).</summary>
    protected TFixture Sim { get; }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Sim.Reset();
        }
    }
}
