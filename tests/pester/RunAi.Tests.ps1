#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# The user-level smoke, as an ops check reads: connect, list, pipe into events, fail clearly.
# Run with: Invoke-Pester ./tests/pester (after dotnet build), or ./build.ps1 Test.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Simulator.ps1')
    $script:sim = Start-RunAiTestEnvironment -Workloads 2345 -NoConnect
}

AfterAll {
    $script:sim | Stop-RunAiTestEnvironment
    Remove-Module RunAi -ErrorAction SilentlyContinue
}

Describe 'Connecting' {
    It 'connects with a token and shows the context without the token' {
        $session = Connect-RunAi -BaseUri $sim.BaseUri -Token $sim.StaticToken -PassThru
        $session.AuthenticationKind | Should -Be 'Token'
        (Get-RunAiContext).BaseUri | Should -Be ([uri]$sim.BaseUri)
        (Get-RunAiContext | Out-String) | Should -Not -Match ([regex]::Escape($sim.StaticToken))
    }

    It 'connects with client credentials from a SecureString' {
        $secret = ConvertTo-SecureString $sim.ClientSecret -AsPlainText -Force
        $session = Connect-RunAi -BaseUri $sim.BaseUri -ClientId $sim.ClientId -ClientSecret $secret -PassThru
        $session.AuthenticationKind | Should -Be 'ClientCredentials'
        $session.TokenExpiresAt | Should -BeGreaterThan (Get-Date)
    }

    It 'refuses a wrong secret with an authentication error' {
        { Connect-RunAi -BaseUri $sim.BaseUri -ClientId $sim.ClientId -ClientSecret 'wrong' } |
            Should -Throw -ErrorId 'TokenRequestRejected,RunAi.PowerShell.Commands.ConnectRunAiCommand'
    }
}

Describe 'Workloads' {
    BeforeAll { Connect-RunAi -BaseUri $sim.BaseUri -Token $sim.StaticToken }

    It 'lists every workload once, across pages' {
        $all = Get-RunAiWorkload -PageSize 100
        $all.Count | Should -BeGreaterThan 2000
        ($all.Id | Sort-Object -Unique).Count | Should -Be $all.Count
    }

    It 'has no workload pending for more than a year' {
        $stale = Get-RunAiWorkload -Phase Pending | Where-Object { $_.CreatedAt -lt (Get-Date).AddYears(-1) }
        $stale | Should -BeNullOrEmpty
    }

    It 'returns only the first three when asked' {
        (Get-RunAiWorkload -First 3).Count | Should -Be 3
    }

    It 'pipes failed workloads into their events, each carrying its workload id' {
        $failed = Get-RunAiWorkload -Phase Failed -First 2
        $events = $failed | Get-RunAiWorkloadEvent
        $events | Should -Not -BeNullOrEmpty
        $events.WorkloadId | Sort-Object -Unique | Should -Be ($failed.Id | Sort-Object)
    }

    It 'exports cleanly to CSV' {
        $file = Join-Path $TestDrive 'workloads.csv'
        Get-RunAiWorkload -First 5 | Export-Csv -Path $file -NoTypeInformation
        (Import-Csv $file).Count | Should -Be 5
    }

    It 'reports a missing workload as ObjectNotFound and still returns the others' {
        $ids = (Get-RunAiWorkload -First 2).Id
        $found = Get-RunAiWorkload -Id $ids[0], ([guid]::NewGuid()), $ids[1] -ErrorVariable failures -ErrorAction SilentlyContinue
        $found.Count | Should -Be 2
        $failures.Count | Should -Be 1
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'refuses a malformed filter before sending anything' {
        { Get-RunAiWorkload -Filter 'phase=Failed' } | Should -Throw -ErrorId 'ParameterArgumentValidationError,RunAi.PowerShell.Commands.GetRunAiWorkloadCommand'
    }
}

Describe 'Not connected' {
    It 'says so, as a terminating error' {
        Disconnect-RunAi
        { Get-RunAiWorkload } | Should -Throw -ErrorId 'NotConnected,RunAi.PowerShell.Commands.GetRunAiWorkloadCommand'
    }
}
