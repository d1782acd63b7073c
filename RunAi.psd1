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
    )
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags       = @('RunAi', 'NVIDIA', 'GPU', 'Kubernetes', 'MLOps')
            ProjectUri = 'https://github.com/runai-powershell/RunAi'
        }
    }
}
