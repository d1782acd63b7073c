# Starts and stops the Run:ai simulator on a free loopback port, for the Pester suites and build.ps1 Demo.
# Dot-source it: . ./tests/pester/Simulator.ps1

function Start-RunAiSimulator {
    [CmdletBinding()]
    param(
        [int] $Workloads = 2000,
        [string[]] $ExtraArguments = @()
    )

    $root = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
    $dll = Get-ChildItem -Path (Join-Path $root 'src/RunAi.Simulator/bin') -Filter 'RunAi.Simulator.dll' -Recurse |
        Sort-Object LastWriteTime -Descending | Select-Object -First 1
    if (-not $dll) {
        throw "The simulator is not built. Run: dotnet build $root/RunAi.PowerShell.sln"
    }

    $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($argument in @($dll.FullName, '--urls', 'http://127.0.0.1:0', '--workloads', $Workloads) + $ExtraArguments) {
        $start.ArgumentList.Add([string]$argument)
    }
    $start.RedirectStandardOutput = $true
    $start.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($start)

    # The simulator's first line is "Listening on http://127.0.0.1:PORT/".
    $read = $process.StandardOutput.ReadLineAsync()
    if (-not $read.Wait([TimeSpan]::FromSeconds(30)) -or $read.Result -notmatch '^Listening on (\S+)') {
        $process.Kill()
        throw "The simulator did not start: '$($read.Result)'"
    }

    [pscustomobject]@{
        Process      = $process
        BaseUri      = $Matches[1]
        StaticToken  = 'sim-static-token'
        ClientId     = 'sim-client'
        ClientSecret = 'sim-secret'
    }
}

function Stop-RunAiSimulator {
    [CmdletBinding()]
    param([Parameter(Mandatory, ValueFromPipeline)] $Simulator)

    process {
        try {
            if (-not $Simulator.Process.HasExited) {
                $Simulator.Process.Kill($true)
                $Simulator.Process.WaitForExit(5000) | Out-Null
            }
        }
        finally {
            $Simulator.Process.Dispose()
        }
    }
}

function Start-RunAiTestEnvironment {
    # What every Pester suite needs first: a simulator, the module from this repository, and (unless -NoConnect) a
    # session. If anything after the simulator's start fails, the simulator is stopped before the error goes on:
    # a suite whose BeforeAll fails must not leave a process behind.
    [CmdletBinding()]
    param(
        [int] $Workloads = 500,
        # More simulator options, such as '--live', '--running-seconds', '5'.
        [string[]] $ExtraArguments = @(),
        [switch] $NoConnect
    )

    $simulator = Start-RunAiSimulator -Workloads $Workloads -ExtraArguments $ExtraArguments
    try {
        $root = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
        Import-Module (Join-Path $root 'RunAi.psd1') -Force -Global -ErrorAction Stop
        if (-not $NoConnect) {
            Connect-RunAi -BaseUri $simulator.BaseUri -Token $simulator.StaticToken -ErrorAction Stop
        }
    }
    catch {
        $simulator | Stop-RunAiSimulator
        throw
    }
    $simulator
}

function Stop-RunAiTestEnvironment {
    # The other half: forgets the session and stops the simulator. The simulator is stopped whatever happens to the
    # disconnect (module removed, cmdlets missing), and a suite whose BeforeAll never started one passes $null.
    [CmdletBinding()]
    param([Parameter(ValueFromPipeline)] $Simulator)

    process {
        try {
            if (Get-Command Disconnect-RunAi -ErrorAction Ignore) {
                Disconnect-RunAi
            }
        }
        finally {
            if ($Simulator) {
                $Simulator | Stop-RunAiSimulator
            }
        }
    }
}
