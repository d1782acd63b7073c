#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Builds, tests and demonstrates the RunAi module.
.EXAMPLE
    ./build.ps1            # Build: assembles module/ so Import-Module ./RunAi.psd1 works
.EXAMPLE
    ./build.ps1 Test       # dotnet test, then the Pester suites where Pester 5 is installed
.EXAMPLE
    ./build.ps1 Demo       # starts the simulator, connects, shows workloads and their events, stops it
.EXAMPLE
    ./build.ps1 Package    # Release build, then out/RunAi/<version>/, out/RunAi.<version>.nupkg, out/RunAi.Simulator.<version>.nupkg
.EXAMPLE
    ./build.ps1 Clean      # dotnet clean, and removes out/
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Package', 'Clean')]
    [string] $Task = 'Build',

    # Debug, except for Package: what ships is a Release build unless you ask otherwise.
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = $(if ($Task -eq 'Package') { 'Release' } else { 'Debug' })
)

$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$solution = Join-Path $root 'RunAi.PowerShell.sln'
# The packaging itself is MSBuild (src/RunAi.Package), so dotnet alone runs it: CI and the tests use it without pwsh.
$packageProject = Join-Path $root 'src/RunAi.Package/RunAi.Package.proj'

function Build-RunAiModule {
    dotnet build $solution --configuration $Configuration
    if ($LASTEXITCODE) { throw "dotnet build failed ($LASTEXITCODE)" }
}

function Test-RunAiModule {
    dotnet test $solution --configuration $Configuration
    if ($LASTEXITCODE) { throw "dotnet test failed ($LASTEXITCODE)" }

    $pester = Get-Module Pester -ListAvailable | Where-Object Version -ge '5.0.0' | Sort-Object Version -Descending | Select-Object -First 1
    if (-not $pester) {
        Write-Warning 'Pester 5 is not installed; skipping tests/pester (Install-Module Pester -MinimumVersion 5.0 -Scope CurrentUser).'
        return
    }

    # Every suite in ONE Invoke-Pester run, as users run them, in a separate process: the module's dlls stay
    # loaded in a process once imported, so a fresh one tests the module just built.
    pwsh -NoProfile -Command "Import-Module Pester -MinimumVersion 5.0; `$r = Invoke-Pester -Path '$root/tests/pester' -Output Detailed -PassThru; 'Pester: {0} passed, {1} failed' -f `$r.PassedCount, `$r.FailedCount; exit `$r.FailedCount"
    if ($LASTEXITCODE) { throw "Pester: $LASTEXITCODE failed" }
}

function Show-RunAiDemo {
    Build-RunAiModule
    . (Join-Path $root 'tests/pester/Simulator.ps1')
    $sim = Start-RunAiSimulator -Workloads 500
    try {
        Write-Host "Simulator: $($sim.BaseUri)"
        Import-Module (Join-Path $root 'RunAi.psd1') -Force
        Connect-RunAi -BaseUri $sim.BaseUri -ClientId $sim.ClientId -ClientSecret $sim.ClientSecret
        Get-RunAiContext | Format-List

        Write-Host 'Get-RunAiWorkload -First 10' -ForegroundColor Cyan
        Get-RunAiWorkload -First 10 | Format-Table

        Write-Host 'Get-RunAiWorkload -Phase Failed -First 2 | Get-RunAiWorkloadEvent' -ForegroundColor Cyan
        Get-RunAiWorkload -Phase Failed -First 2 | Get-RunAiWorkloadEvent | Format-Table

        Write-Host 'Get-RunAiWorkload -First 1 | Get-RunAiWorkloadHistory' -ForegroundColor Cyan
        Get-RunAiWorkload -First 1 | Get-RunAiWorkloadHistory | Format-Table
    }
    finally {
        Disconnect-RunAi
        $sim | Stop-RunAiSimulator
    }
}

function New-RunAiPackage {
    # Builds what it packages (module/ and the simulator) first; writes out/RunAi/<version>/ and the two nupkgs.
    dotnet build $packageProject -t:Package --configuration $Configuration
    if ($LASTEXITCODE) { throw "Packaging failed ($LASTEXITCODE)" }
}

function Clear-RunAiBuild {
    dotnet clean $solution --configuration $Configuration
    if ($LASTEXITCODE) { throw "dotnet clean failed ($LASTEXITCODE)" }
    # The package project's clean removes out/ (it is not in the solution: dotnet sln takes no .proj files).
    dotnet msbuild $packageProject -t:CleanPackage -nologo
    if ($LASTEXITCODE) { throw "Removing out/ failed ($LASTEXITCODE)" }
}

switch ($Task) {
    'Build' { Build-RunAiModule }
    'Test' { Test-RunAiModule }
    'Demo' { Show-RunAiDemo }
    'Package' { New-RunAiPackage }
    'Clean' { Clear-RunAiBuild }
}
