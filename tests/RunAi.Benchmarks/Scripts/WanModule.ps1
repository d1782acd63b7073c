# One run of the WAN scenario (WanScenario.cs): a fresh pwsh imports the module, connects and lists every workload from
# a server that answers each request after 200 ms. Prints one line: when each step ended (ms), the number of
# workloads, how many distinct ids, a digest of the ids in the order they came (the benchmark compares it with the
# server's order) and this process's peak memory. Only the listing is timed as "list"; the digest is computed after.
param(
    [Parameter(Mandatory)] [string] $Manifest,
    [Parameter(Mandatory)] [string] $BaseUri,
    [string] $Token = 'sim-static-token'
)

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$clock = [System.Diagnostics.Stopwatch]::StartNew()
Import-Module $Manifest
$imported = $clock.Elapsed.TotalMilliseconds
Connect-RunAi -BaseUri $BaseUri -Token $Token
$connected = $clock.Elapsed.TotalMilliseconds
$all = Get-RunAiWorkload -PageSize 500
$listed = $clock.Elapsed.TotalMilliseconds
$ids = [guid[]] @($all.Id)
$distinct = [System.Collections.Generic.HashSet[guid]]::new($ids).Count
$bytes = [System.Text.Encoding]::UTF8.GetBytes([string]::Join("`n", $ids))
$digest = [System.Convert]::ToHexString([System.Security.Cryptography.SHA256]::HashData($bytes)).Substring(0, 16)
$peak = [System.Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64
[string]::Format([cultureinfo]::InvariantCulture, 'import={0:0.0} connect={1:0.0} list={2:0.0} count={3} distinct={4} digest=x{5} peak={6}', $imported, $connected - $imported, $listed - $connected, $ids.Count, $distinct, $digest, $peak)
