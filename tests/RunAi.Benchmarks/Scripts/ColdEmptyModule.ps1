# The floor of a cold run: a fresh pwsh that imports a module with nothing in it (EmptyModule) and exits. Run by the
# benchmark (ColdRuns.cs) beside ColdModule.ps1; prints the import's time (ms) and this process's peak memory.
param([Parameter(Mandatory)] [string] $Manifest)

$ErrorActionPreference = 'Stop'
$clock = [System.Diagnostics.Stopwatch]::StartNew()
Import-Module $Manifest
$imported = $clock.Elapsed.TotalMilliseconds
$peak = [System.Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64
[string]::Format([cultureinfo]::InvariantCulture, 'import={0:0.0} count=0 peak={1}', $imported, $peak)
