#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Ops checks that wait for jobs: a live simulator runs live-ok-N (they complete) and live-fail-N (they fail), each
# Pending for 2 s and Running for 4 s after the simulator starts.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Simulator.ps1')
    $script:sim = Start-RunAiTestEnvironment -Workloads 100 -ExtraArguments '--live', '--pending-seconds', '2', '--running-seconds', '4'
}

AfterAll {
    $script:sim | Stop-RunAiTestEnvironment
}

Describe 'Waiting for training jobs' {
    It 'waits for the job, then checks it completed' {
        $job = Get-RunAiWorkload -Name 'live-ok-1' |
            Wait-RunAiWorkload -Phase Completed, Failed, Stopped -PollIntervalSec 1 -TimeoutSec 60 -ErrorAction Stop
        $job.Phase | Should -Be 'Completed' -Because $job.PhaseMessage
    }

    It 'reports a job that failed instead of completing, with the phase' {
        $done = Get-RunAiWorkload -Name 'live-fail-2' |
            Wait-RunAiWorkload -Phase Completed -PollIntervalSec 1 -TimeoutSec 60 -ErrorVariable failures -ErrorAction SilentlyContinue
        $done | Should -BeNullOrEmpty
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'WorkloadEndedInUnwantedPhase,*'
        $failures[0].Exception.Message | Should -BeLike '*ended in phase Failed*'
    }

    It 'follows a job''s events, each once, until it ends' {
        $events = Get-RunAiWorkload -Name 'live-ok-3' | Get-RunAiWorkloadEvent -Follow -PollIntervalSec 1 -TimeoutSec 60
        $events[-1].Reason | Should -Be 'Completed'
        $events.Id | Select-Object -Unique | Should -HaveCount $events.Count
        $events.CreatedAt | Should -Be ($events.CreatedAt | Sort-Object)
    }
}
