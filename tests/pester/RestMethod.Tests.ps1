#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Ops checks through the generic request cmdlet: the cluster monitor, and any list of the API.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Simulator.ps1')
    $script:sim = Start-RunAiTestEnvironment -Workloads 300
}

AfterAll {
    $script:sim | Stop-RunAiTestEnvironment
}

Describe 'Cluster monitor' {
    It 'reports the latest event with only the selected fields' {
        $latest = Invoke-RunAiRestMethod -Path '/v0/cluster/events/latest' -Query @{ selector = 'all_healthy,api_status' }
        $latest.PSObject.Properties.Name | Should -Contain 'all_healthy'
        $latest.PSObject.Properties.Name | Should -Not -Contain 'runner_status'
    }

    It 'reads a missing event as a terminating ObjectNotFound with the service message' {
        $failure = $null
        try { Invoke-RunAiRestMethod -Path "/v0/cluster/events/$([guid]::NewGuid())" } catch { $failure = $_ }
        $failure.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failure.Exception.Message | Should -Not -BeNullOrEmpty
    }
}

Describe 'Any list of the API' {
    It 'follows next across pages with -All' {
        $all = Invoke-RunAiRestMethod -Path '/api/v1/workloads' -All -ItemsProperty workloads -PageSize 50
        $all.Count | Should -Be (Get-RunAiWorkload -IncludeTotalCount -First 0)
    }

    It 'refuses an absolute address on another host' {
        { Invoke-RunAiRestMethod -Path 'https://example.com/api/v1/workloads' } | Should -Throw
    }
}
