# Loads the RunAi cmdlets built for this edition, with their third-party dlls kept private to this module:
# PowerShell 7 gets the net8.0 build (bin/Core) in a private AssemblyLoadContext, where System.Text.Json and the rest of
# .NET come from the runtime; Windows PowerShell 5.1 gets the netstandard2.0 build (bin/Desktop), whose dependencies are
# resolved from bin/Desktop/dependencies. Only engine built-ins are used here, so the module imports in any host.
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
# privately and hand each of its cmdlets to this module, as PowerShell-ALC-style modules (PSOpenAD) do; the loader
# does the handing over (and points each cmdlet at its help), which costs a fraction of doing it by reflection here.
# Module-qualified, so a function named Import-Module cannot stand in for the cmdlet (Get-Command would cost more).
$inner = Microsoft.PowerShell.Core\Import-Module -Assembly $cmdlets -Force -PassThru -ErrorAction Stop
$moduleLoader::ExportCmdlets($ExecutionContext.SessionState.Module, $inner, $PSScriptRoot)
