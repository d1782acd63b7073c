# Loads the RunAi cmdlets with their third-party dlls kept private to this module:
# PowerShell 7 gets a private AssemblyLoadContext, Windows PowerShell 5.1 resolves from module/dependencies.
# Only engine built-ins are used here, so the module imports in any host.
if ($PSEdition -eq 'Desktop') {
    # The dlls are netstandard2.0, which .NET Framework runs reliably from 4.7.2 (release 461808) on. Below that
    # (Windows Server 2016 ships 4.6.2) loading them fails with "Could not load file or assembly 'netstandard'";
    # say what is missing before anything loads.
    $framework = Get-ItemProperty -LiteralPath 'HKLM:\SOFTWARE\Microsoft\NET Framework Setup\NDP\v4\Full' -ErrorAction SilentlyContinue
    if ($null -eq $framework -or $framework.Release -lt 461808) {
        $found = if ($null -eq $framework) { 'no .NET Framework 4.5 or later' } else { ".NET Framework $($framework.Version) (release $($framework.Release))" }
        $problem = [System.PlatformNotSupportedException]::new("RunAi needs .NET Framework 4.7.2 or later to run in Windows PowerShell 5.1; this machine has $found. Install .NET Framework 4.8, or use PowerShell 7.")
        throw [System.Management.Automation.ErrorRecord]::new($problem, 'DotNetFrameworkTooOld', [System.Management.Automation.ErrorCategory]::NotInstalled, $found)
    }
}

$loader = [System.Reflection.Assembly]::LoadFrom([System.IO.Path]::Combine($PSScriptRoot, 'RunAi.PowerShell.Loader.dll'))
$moduleLoader = $loader.GetType('RunAi.PowerShell.Loader.ModuleLoader')
$cmdlets = if ($PSEdition -eq 'Core') {
    $moduleLoader::LoadIsolated($PSScriptRoot)
} else {
    $moduleLoader::LoadShared($PSScriptRoot)
}

# The cmdlet assembly is loaded once per process, but each import needs its cmdlets exported again. A nested
# `Import-Module -Assembly` + `Export-ModuleMember` exports nothing on a re-import (-Force, or Remove-Module then
# Import-Module): the engine finds the inner module already known and skips it. So import the inner module
# privately and hand each of its cmdlets to this module, as PowerShell-ALC-style modules (PSOpenAD) do.
$importModule = Get-Command -Name Import-Module -Module Microsoft.PowerShell.Core
$inner = & $importModule -Assembly $cmdlets -Force -PassThru -ErrorAction Stop
$nonPublic = [System.Reflection.BindingFlags]'Instance, NonPublic, Public'
$addExportedCmdlet = [System.Management.Automation.PSModuleInfo].GetMethod('AddExportedCmdlet', $nonPublic)
# Help is looked up beside the outer module's manifest, which in a source checkout is not where the dll and its
# MAML live; a rooted help path is used as it is, so point each cmdlet at the file beside the cmdlet dll.
$helpFile = [System.Management.Automation.CmdletInfo].GetProperty('HelpFile', $nonPublic)
$helpPath = [System.IO.Path]::Combine($PSScriptRoot, [System.IO.Path]::GetFileName($cmdlets.Location) + '-Help.xml')
foreach ($cmdlet in $inner.ExportedCmdlets.Values) {
    $helpFile.SetValue($cmdlet, $helpPath)
    $addExportedCmdlet.Invoke($ExecutionContext.SessionState.Module, @(, $cmdlet))
}
