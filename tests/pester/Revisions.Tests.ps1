#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Ops checks on inference revisions: every revision of a serving workload is known, healthy, and explainable.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Simulator.ps1')
    $script:sim = Start-RunAiTestEnvironment -Workloads 500
    $script:inference = Get-RunAiWorkload -Type Inference -First 3
}

AfterAll {
    $script:sim | Stop-RunAiTestEnvironment
}

Describe 'Inference revisions' {
    It 'finds at least one revision for each inference workload' {
        foreach ($workload in $inference) {
            @($workload | Get-RunAiInferenceRevision).Count | Should -BeGreaterThan 0
        }
    }

    It 'counts the same revisions it lists' {
        $workload = $inference[0]
        $listed = @($workload | Get-RunAiInferenceRevision).Count
        $workload | Get-RunAiInferenceRevisionCount | Should -Be $listed
    }

    It 'gets a revision by id' {
        $revision = $inference[0] | Get-RunAiInferenceRevision | Select-Object -First 1
        (Get-RunAiInferenceRevision -RevisionId $revision.Id).Id | Should -Be $revision.Id
    }

    It 'explains each revision with its events and history' {
        $revision = $inference[0] | Get-RunAiInferenceRevision | Select-Object -First 1
        $events = $revision | Get-RunAiWorkloadEvent
        $events | Should -Not -BeNullOrEmpty
        $events.RevisionId | Sort-Object -Unique | Should -Be $revision.Id
        $revision | Get-RunAiWorkloadHistory | Should -Not -BeNullOrEmpty
    }

    It 'lists the pods that serve a revision' {
        $revision = $inference[0] | Get-RunAiInferenceRevision | Select-Object -First 1
        $revision | Get-RunAiPod | ForEach-Object { $_.RevisionId | Should -Be $revision.Id }
    }

    It 'says clearly when a revision does not exist' {
        Get-RunAiInferenceRevision -RevisionId ([guid]::NewGuid()) -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}
