#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Builds, tests and demonstrates the RunAi module.
.EXAMPLE
    ./build.ps1            # Build: assembles module/ so Import-Module ./RunAi.psd1 works
.EXAMPLE
    ./build.ps1 Test       # dotnet test, then every Pester suite in one run, with the Pester the repository pins
.EXAMPLE
    ./build.ps1 Test -ResultsDirectory ./TestResults   # also writes the results: a .trx per test project, pester.xml
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
    [string] $Configuration = $(if ($Task -eq 'Package') { 'Release' } else { 'Debug' }),

    # Test: where to write the results (a .trx per test project and pester.xml, NUnit 2.5); CI reads its totals there.
    [string] $ResultsDirectory
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

# The Pester the suites are tested with, from NuGet into .tools/ (tests/pester/Pester.proj): no global install.
$pesterVersion = '5.9.1'

function Get-RunAiPester {
    dotnet restore (Join-Path $root 'tests/pester/Pester.proj') -p:PesterVersion=$pesterVersion --verbosity quiet
    if ($LASTEXITCODE) { throw "Restoring Pester $pesterVersion from NuGet failed ($LASTEXITCODE)" }
    $manifest = Join-Path $root ".tools/packages/pester/$pesterVersion/tools/Pester.psd1"
    if (-not (Test-Path $manifest)) { throw "Pester $pesterVersion was restored but $manifest is missing" }
    $manifest
}

# This same PowerShell, as a new process: a module's dlls stay loaded in a process once imported, so a fresh one
# tests the module just built. (The dotnet tool's pwsh runs as 'dotnet pwsh.dll'; its folder has the pwsh host too.)
function Get-RunAiPwshPath {
    $hostName = if ($PSVersionTable.PSEdition -eq 'Desktop') { 'powershell.exe' } elseif ($IsWindows) { 'pwsh.exe' } else { 'pwsh' }
    $candidate = Join-Path $PSHOME $hostName
    if (Test-Path $candidate) { return $candidate }
    (Get-Process -Id $PID).Path
}

function Test-RunAiModule {
    $resultArguments = @()
    if ($ResultsDirectory) {
        $null = New-Item -ItemType Directory -Force -Path $ResultsDirectory
        $ResultsDirectory = (Resolve-Path $ResultsDirectory).Path
        $resultArguments = @('--logger', 'trx', '--results-directory', $ResultsDirectory)
    }
    dotnet test $solution --configuration $Configuration @resultArguments
    if ($LASTEXITCODE) { throw "dotnet test failed ($LASTEXITCODE)" }

    # Every suite in ONE Invoke-Pester run, as users run them.
    $env:RUNAI_PESTER_MANIFEST = Get-RunAiPester
    $env:RUNAI_PESTER_RESULTS = if ($ResultsDirectory) { Join-Path $ResultsDirectory 'pester.xml' } else { '' }
    $env:RUNAI_PESTER_TESTS = Join-Path $root 'tests/pester'
    & (Get-RunAiPwshPath) -NoProfile -NonInteractive -Command {
        Import-Module $env:RUNAI_PESTER_MANIFEST -Force
        $configuration = New-PesterConfiguration
        $configuration.Run.Path = $env:RUNAI_PESTER_TESTS
        $configuration.Run.PassThru = $true
        $configuration.Output.Verbosity = 'Detailed'
        if ($env:RUNAI_PESTER_RESULTS) {
            $configuration.TestResult.Enabled = $true
            $configuration.TestResult.OutputFormat = 'NUnitXml'
            $configuration.TestResult.OutputPath = $env:RUNAI_PESTER_RESULTS
        }
        $result = Invoke-Pester -Configuration $configuration
        'Pester {0}: {1} passed, {2} failed' -f (Get-Module Pester).Version, $result.PassedCount, $result.FailedCount
        exit $result.FailedCount
    }
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
