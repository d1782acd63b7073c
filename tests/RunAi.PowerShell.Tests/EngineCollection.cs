using Xunit;

namespace RunAi.PowerShell.Tests;

/// <summary>
/// Engine tests share one collection: each class has its own simulator, but running them one class at a time
/// keeps the 2-core CI machine from turning timing-sensitive checks (Stop within a second) into noise.
/// </summary>
[CollectionDefinition("engine")]
public sealed class EngineCollection
{
}
