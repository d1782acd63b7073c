# What a script does without the module: an Invoke-RestMethod loop that follows `next` and streams every workload
# through the same pipeline as ColdModule.ps1. Run by the benchmark (ColdRuns.cs) in a fresh pwsh. Prints one line:
# the listing's time (ms), the number of workloads and this process's peak memory.
param(
    [Parameter(Mandatory)] [string] $BaseUri,
    [string] $Token = 'sim-static-token'
)

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$clock = [System.Diagnostics.Stopwatch]::StartNew()
$headers = @{ Authorization = "Bearer $Token" }
$root = $BaseUri.TrimEnd('/')
$count = (& {
        $offset = 0
        while ($true) {
            $page = Invoke-RestMethod -Uri "$root/api/v1/workloads?offset=$offset&limit=500" -Headers $headers
            $page.workloads
            if ($null -eq $page.next -or $page.workloads.Count -eq 0) { break }
            $offset = $page.next
        }
    } | Measure-Object).Count
$listed = $clock.Elapsed.TotalMilliseconds
$peak = [System.Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64
[string]::Format([cultureinfo]::InvariantCulture, 'list={0:0.0} count={1} peak={2}', $listed, $count, $peak)
