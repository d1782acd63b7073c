# One cold run of the module, as a scheduled task makes it: a fresh pwsh imports the module, connects and streams
# every workload through a pipeline. Run by the benchmark (ColdRuns.cs) with pwsh -File; the benchmark times the whole
# process, pwsh's own start included. Prints one line: the time each step ended (ms since the script started), the
# number of workloads and this process's peak memory (VmHWM on Linux).
param(
    [Parameter(Mandatory)] [string] $Manifest,
    [Parameter(Mandatory)] [string] $BaseUri,
    [string] $Token = 'sim-static-token'
)

$ErrorActionPreference = 'Stop'
# Neither this script nor the Invoke-RestMethod loop it is compared with draws progress.
$ProgressPreference = 'SilentlyContinue'
$clock = [System.Diagnostics.Stopwatch]::StartNew()
Import-Module $Manifest
$imported = $clock.Elapsed.TotalMilliseconds
Connect-RunAi -BaseUri $BaseUri -Token $Token
$connected = $clock.Elapsed.TotalMilliseconds
$count = (Get-RunAiWorkload -PageSize 500 | Measure-Object).Count
$listed = $clock.Elapsed.TotalMilliseconds
$peak = [System.Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64
[string]::Format([cultureinfo]::InvariantCulture, 'import={0:0.0} connect={1:0.0} list={2:0.0} count={3} peak={4}', $imported, $connected - $imported, $listed - $connected, $count, $peak)
