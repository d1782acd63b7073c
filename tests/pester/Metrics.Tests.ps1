#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Ops checks on metrics and telemetry: capacity questions an admin asks every morning.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Simulator.ps1')
    $script:sim = Start-RunAiTestEnvironment -Workloads 500
}

AfterAll {
    $script:sim | Stop-RunAiTestEnvironment
}

Describe 'Workload metrics' {
    It 'gives one numeric sample per point, ready for Export-Csv' {
        $file = Join-Path $TestDrive 'gpu.csv'
        Get-RunAiWorkload -Phase Running -First 2 |
            Get-RunAiWorkloadMetric -MetricType GPU_UTILIZATION, CPU_USAGE_CORES -Samples 12 |
            Export-Csv -Path $file -NoTypeInformation
        $rows = Import-Csv $file
        $rows.Count | Should -Be 48
        $rows | ForEach-Object { [double]::Parse($_.Value, [cultureinfo]::InvariantCulture) | Should -BeOfType [double] }
    }

    It 'defaults to the last hour' {
        $sample = Get-RunAiWorkload -Phase Running -First 1 | Get-RunAiWorkloadMetric -MetricType GPU_UTILIZATION -Samples 5 | Select-Object -First 1
        $sample.Timestamp | Should -BeGreaterThan ([datetimeoffset]::Now.AddHours(-1.1))
    }

    It 'refuses an end before the start before sending anything' {
        $id = (Get-RunAiWorkload -First 1).Id
        { Get-RunAiWorkloadMetric -WorkloadId $id -MetricType GPU_UTILIZATION -Start (Get-Date) -End (Get-Date).AddHours(-2) } |
            Should -Throw -ErrorId 'InvalidArgument*'
    }

    It 'refuses a metric type the API does not have' {
        { Get-RunAiWorkloadMetric -WorkloadId ([guid]::NewGuid()) -MetricType GPU_HAPPINESS } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError*'
    }
}

Describe 'Telemetry' {
    It 'counts workloads per phase, and the counts add up to the total' {
        $perPhase = Get-RunAiWorkloadTelemetry -Type WORKLOADS_COUNT -GroupBy Phase
        $perPhase | Should -Not -BeNullOrEmpty
        ($perPhase | Measure-Object Value -Sum).Sum | Should -BeGreaterThan 0
    }

    It 'makes each group key a property to sort on' {
        $byProject = Get-RunAiWorkloadTelemetry -Type GPU_ALLOCATION -GroupBy ProjectId | Sort-Object Value -Descending
        $byProject[0].PSObject.Properties.Name | Should -Contain 'ProjectId'
    }

    It 'refuses more than two groupings' {
        { Get-RunAiWorkloadTelemetry -Type WORKLOADS_COUNT -GroupBy Phase, Type, ClusterId } | Should -Throw
    }
}
