@{
    RootModule           = 'module/RunAi.psm1'
    ModuleVersion        = '0.1.0'
    GUID                 = '4f7c2a8e-9b1d-4c3e-8a56-2d1e0b7f9c41'
    Author               = 'RunAi contributors'
    CompanyName          = 'RunAi'
    Copyright            = '(c) RunAi contributors. MIT License.'
    Description          = 'Cmdlets for the NVIDIA Run:ai control-plane REST API: workloads, events, history and more as typed objects, with automatic paging.'
    PowerShellVersion    = '5.1'
    # Windows PowerShell 5.1 only; RunAi.psm1 checks it too, because Windows PowerShell does not enforce this value.
    DotNetFrameworkVersion = '4.7.2'
    CompatiblePSEditions = @('Core', 'Desktop')
    FormatsToProcess     = @('module/RunAi.format.ps1xml')
    TypesToProcess       = @('module/RunAi.types.ps1xml')
    FunctionsToExport    = @()
    CmdletsToExport      = @(
        'Connect-RunAi'
        'Disconnect-RunAi'
        'Get-RunAiContext'
        'Get-RunAiWorkload'
        'Get-RunAiWorkloadEvent'
        'Get-RunAiWorkloadHistory'
        'Get-RunAiWorkloadTelemetry'
        'Get-RunAiWorkloadMetric'
        'Get-RunAiWorkloadEndpoint'
        'Get-RunAiWorkloadElement'
        'Get-RunAiWorkloadElementCount'
        'Get-RunAiInferenceRevision'
        'Get-RunAiInferenceRevisionCount'
        'Get-RunAiPod'
        'Get-RunAiPodCount'
        'Get-RunAiPodMetric'
        'Invoke-RunAiRestMethod'
        'Wait-RunAiWorkload'
    )
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        # What a gallery shows and searches. Packaging (build.ps1 Package) adds PSModule and the command tags.
        PSData = @{
            Tags         = @('RunAi', 'NVIDIA', 'GPU', 'Kubernetes', 'MLOps', 'REST', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/runai-powershell/RunAi'
            LicenseUri   = 'https://github.com/runai-powershell/RunAi/blob/main/LICENSE'
            ReleaseNotes = 'First release: 18 cmdlets for Run:ai workloads, events (also followed live), history, pods, revisions, metrics and telemetry, waiting for workloads to reach a phase, with paging, retries and stable ErrorIds; the simulator ships as the .NET tool RunAi.Simulator (runai-sim).'
        }
    }
}
