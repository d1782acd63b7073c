# Loads the RunAi cmdlets with their third-party dlls kept private to this module:
# PowerShell 7 gets a private AssemblyLoadContext, Windows PowerShell 5.1 resolves from module/dependencies.
# Only engine built-ins are used here, so the module imports in any host.
$loader = [System.Reflection.Assembly]::LoadFrom([System.IO.Path]::Combine($PSScriptRoot, 'RunAi.PowerShell.Loader.dll'))
$moduleLoader = $loader.GetType('RunAi.PowerShell.Loader.ModuleLoader')
$cmdlets = if ($PSEdition -eq 'Core') {
    $moduleLoader::LoadIsolated($PSScriptRoot)
} else {
    $moduleLoader::LoadShared($PSScriptRoot)
}
Import-Module -Assembly $cmdlets -Force -ErrorAction Stop
Export-ModuleMember -Cmdlet *
