#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Ops checks on pods: nothing stuck, counts that add up, and metrics to explain a slow job.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Simulator.ps1')
    $script:sim = Start-RunAiTestEnvironment -Workloads 500
}

AfterAll {
    $script:sim | Stop-RunAiTestEnvironment
}

Describe 'Pods across the tenant' {
    It 'pages through every pod once' {
        $pods = Get-RunAiPod -PageSize 100
        $pods.Count | Should -Be (Get-RunAiPodCount)
        ($pods.Id | Sort-Object -Unique).Count | Should -Be $pods.Count
    }

    It 'filters on the server and reports the total' {
        $cluster = (Get-RunAiWorkload -First 1).ClusterId
        $page = Get-RunAiPod -Filter "clusterId==$cluster" -First 5 -IncludeTotalCount
        $page | Select-Object -Skip 1 | ForEach-Object { $_.ClusterId | Should -Be $cluster }
    }

    It 'refuses a malformed filter before asking the server' {
        { Get-RunAiPod -Filter 'phase=Running' } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
    }
}

Describe 'Pods of a workload' {
    It 'lists the pods of workloads piped in, each with its workload id' {
        $workloads = Get-RunAiWorkload -Phase Running -First 2
        $pods = $workloads | Get-RunAiPod
        $pods | Should -Not -BeNullOrEmpty
        $pods.WorkloadId | Sort-Object -Unique | Should -Be ($workloads.Id | Sort-Object)
    }

    It 'has GPU utilisation samples for a running pod, as numbers' {
        $pod = Get-RunAiWorkload -Phase Running -First 1 | Get-RunAiPod | Select-Object -First 1
        $samples = $pod | Get-RunAiPodMetric -MetricType GPU_UTILIZATION -Samples 10
        $samples | Should -Not -BeNullOrEmpty
        $samples | ForEach-Object { $_.Value | Should -BeOfType [double] }
    }
}

Describe 'The deprecated cluster pod list' {
    It 'still answers, with a warning that points to the new form' {
        $cluster = (Get-RunAiWorkload -First 1).ClusterId
        $null = Get-RunAiPod -ClusterId $cluster -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings | Should -Not -BeNullOrEmpty
        "$warnings" | Should -Match 'clusterId=='
    }
}
