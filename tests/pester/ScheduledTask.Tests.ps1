#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# The scheduled-task contract: a listing cut short by a dying server never passes for a complete one.
# Run with: Invoke-Pester ./tests/pester (after dotnet build), or ./build.ps1 Test.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Simulator.ps1')
    $script:root = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
    # This same PowerShell as a new process, as Task Scheduler or cron starts a script.
    $script:pwsh = @('pwsh', 'pwsh.exe') | ForEach-Object { Join-Path $PSHOME $_ } | Where-Object { Test-Path $_ } | Select-Object -First 1
    if (-not $script:pwsh) { $script:pwsh = (Get-Process -Id $PID).Path }
}

Describe 'A server that dies in the middle of a listing' {
    BeforeEach {
        $script:sim = Start-RunAiTestEnvironment -Workloads 3000 -NoConnect
        Connect-RunAi -BaseUri $sim.BaseUri -Token $sim.StaticToken -MaxRetryCount 0
    }

    AfterEach {
        $script:sim | Stop-RunAiTestEnvironment
    }

    It 'ends in a terminating error that try/catch catches, saying how many items were written' {
        $written = [System.Collections.Generic.List[object]]::new()
        $caught = $null
        try {
            Get-RunAiWorkload -PageSize 100 | ForEach-Object {
                $written.Add($_)
                if ($written.Count -eq 150) { $sim.Process.Kill(); $sim.Process.WaitForExit() }
            }
        }
        catch {
            $caught = $_
        }

        $caught | Should -Not -BeNullOrEmpty
        $caught.FullyQualifiedErrorId | Should -BeLike 'ConnectionFailed,*'
        $written.Count | Should -BeLessThan 2900
        "$caught" | Should -Match ('{0:N0} items had been written before this failure' -f $written.Count)
        ($written.Id | Sort-Object -Unique).Count | Should -Be $written.Count
    }

    It 'makes a script under $ErrorActionPreference = Stop exit 1' {
        $script = Join-Path $TestDrive 'nightly.ps1'
        Set-Content -Path $script -Value @"
`$ErrorActionPreference = 'Stop'
Import-Module '$root/RunAi.psd1'
Connect-RunAi -BaseUri '$($sim.BaseUri)' -Token '$($sim.StaticToken)' -MaxRetryCount 0
`$n = 0
Get-RunAiWorkload -PageSize 100 | ForEach-Object { if (++`$n -eq 150) { Stop-Process -Id $($sim.Process.Id) -Force; Start-Sleep -Milliseconds 300 } } | Out-Null
'unreachable: the listing was reported complete'
"@
        $output = & $pwsh -NoProfile -NonInteractive -File $script 2>&1
        $LASTEXITCODE | Should -Be 1
        ($output | Out-String) | Should -Not -Match 'unreachable'
        ($output | Out-String) | Should -Match 'items had been written before this failure'
    }
}
