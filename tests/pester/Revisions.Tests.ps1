#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Ops checks on inference revisions: every revision of a serving workload is known, healthy, and explainable.

BeforeAll {
    $root = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
    . (Join-Path $PSScriptRoot 'Simulator.ps1')
    $script:sim = Start-RunAiSimulator -Workloads 500
    Import-Module (Join-Path $root 'RunAi.psd1') -Force
    Connect-RunAi -BaseUri $sim.BaseUri -Token $sim.StaticToken
    $script:inference = Get-RunAiWorkload -Type Inference -First 3
}

AfterAll {
    Disconnect-RunAi
    $script:sim | Stop-RunAiSimulator
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
