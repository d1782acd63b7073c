#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# The suites' own setup and teardown: whatever fails, no simulator is left running.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Simulator.ps1')

    function Get-SimulatorProcessId {
        Get-Process -Name dotnet -ErrorAction Ignore | Where-Object CommandLine -like '*RunAi.Simulator.dll*' | ForEach-Object Id
    }
}

Describe 'Test environment' {
    It 'stops the simulator when the module cannot be imported after it started' {
        $before = @(Get-SimulatorProcessId)
        Mock Import-Module { throw 'import failed on purpose' } -ParameterFilter { $Name -like '*RunAi.psd1' }

        { Start-RunAiTestEnvironment -Workloads 10 } | Should -Throw '*import failed on purpose*'

        @(Get-SimulatorProcessId | Where-Object { $_ -notin $before }) | Should -BeNullOrEmpty
    }

    It 'stops the simulator even when Disconnect-RunAi is gone' {
        $sim = Start-RunAiTestEnvironment -Workloads 10
        $id = $sim.Process.Id
        Remove-Module RunAi

        $sim | Stop-RunAiTestEnvironment

        Get-SimulatorProcessId | Should -Not -Contain $id
    }

    It 'accepts a suite whose BeforeAll never started a simulator' {
        { $null | Stop-RunAiTestEnvironment } | Should -Not -Throw
    }
}
