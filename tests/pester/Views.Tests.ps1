#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# What the console shows: output of several types in one script, and tables at 80 columns.
# Run with: Invoke-Pester ./tests/pester (after dotnet build), or ./build.ps1 Test.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Simulator.ps1')
    $script:sim = Start-RunAiTestEnvironment -Workloads 300
}

AfterAll {
    $script:sim | Stop-RunAiTestEnvironment
    Remove-Module RunAi -ErrorAction SilentlyContinue
}

Describe 'Mixed output' {
    It 'lists a workload written after another object with the handful of properties its table shows' {
        # A script that writes the context first: PowerShell lists every later object of another type.
        $text = & { Get-RunAiContext; Get-RunAiWorkload -First 2 } | Out-String -Width 80
        $workloads = ($text -split '(?:\r?\n){2,}') | Where-Object { $_ -match '(?m)^Phase\s+:' }
        $workloads.Count | Should -Be 2
        foreach ($block in $workloads) {
            $lines = @($block -split '\r?\n' | Where-Object { $_.Trim() })
            $lines.Count | Should -BeLessOrEqual 12
            $block | Should -Match '(?m)^Name\s+: \S'
            $block | Should -Match '(?m)^Id\s+: [0-9a-f-]{36}'
            $block | Should -Not -Match '(?m)^WorkloadRequestedResources\s+:'
        }
    }

    It 'still gives every property to Select-Object * and Export-Csv' {
        $workload = Get-RunAiWorkload -First 1
        ($workload | Select-Object * | Get-Member -MemberType NoteProperty).Count | Should -BeGreaterThan 40
        $csv = $workload | ConvertTo-Csv -NoTypeInformation
        ($csv[0] -split ',').Count | Should -BeGreaterThan 40
    }

    It 'lists an event after a workload with its message' {
        $text = & { Get-RunAiWorkload -First 1; Get-RunAiWorkload -Phase Failed -First 1 | Get-RunAiWorkloadEvent -First 1 } | Out-String -Width 80
        $text | Should -Match '(?m)^Message\s+: \S'
        $text | Should -Match '(?m)^Reason\s+: \S'
    }
}

Describe 'Tables at 80 columns' {
    It 'keeps the event message readable' {
        $lines = Get-RunAiWorkload -Phase Failed -First 1 | Get-RunAiWorkloadEvent -First 3 | Format-Table | Out-String -Width 80 -Stream
        $header = $lines | Where-Object { $_ -match '^Created' } | Select-Object -First 1
        $header | Should -Match 'Message$'
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
    }

    It 'shows the telemetry value' {
        $lines = Get-RunAiWorkloadTelemetry -Type WORKLOADS_COUNT -GroupBy Phase | Format-Table | Out-String -Width 80 -Stream
        ($lines | Where-Object { $_ -match '^Type' } | Select-Object -First 1) | Should -Match '\bValue\b'
    }
}
