# A module with nothing in it, for the benchmark's floor of Import-Module (ColdEmptyModule.ps1).
@{
    RootModule        = 'EmptyModule.psm1'
    ModuleVersion     = '1.0.0'
    GUID              = '0c6f3f5e-2d0b-4d8e-9d55-7a1b8c2e4f10'
    FunctionsToExport = @()
    CmdletsToExport   = @()
    VariablesToExport = @()
    AliasesToExport   = @()
}
