using System;
using System.Management.Automation;
using System.Reflection;

namespace RunAi.PowerShell.Loader
{
    /// <summary>
    /// The members of PowerShell that exporting another module's cmdlets needs and that it does not make public:
    /// <c>PSModuleInfo.AddExportedCmdlet</c> and the setter of <c>CmdletInfo.HelpFile</c> exist, with these names, in
    /// Windows PowerShell 5.1 and PowerShell 7 (PSOpenAD and other PowerShell-ALC-style modules use them too);
    /// <c>PSModuleInfo.SetModuleBase</c> is used where it exists.
    /// </summary>
    internal static class ModuleInternals
    {
        private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

        private static readonly MethodInfo AddExportedCmdletMethod = typeof(PSModuleInfo).GetMethod("AddExportedCmdlet", Instance)
            ?? throw new MissingMethodException(nameof(PSModuleInfo), "AddExportedCmdlet");

        private static readonly PropertyInfo HelpFileProperty = typeof(CmdletInfo).GetProperty("HelpFile", Instance)
            ?? throw new MissingMemberException(nameof(CmdletInfo), "HelpFile");

        private static readonly MethodInfo? SetModuleBaseMethod = typeof(PSModuleInfo).GetMethod("SetModuleBase", Instance, null, new[] { typeof(string) }, null);

        /// <summary>Sets where <paramref name="module"/> lives, for Get-Help's search of about topics; false where PowerShell has no such member.</summary>
        public static bool TrySetModuleBase(PSModuleInfo module, string directory)
        {
            if (SetModuleBaseMethod is null)
            {
                return false;
            }

            SetModuleBaseMethod.Invoke(module, new object[] { directory });
            return true;
        }

        public static void AddExportedCmdlet(PSModuleInfo module, CmdletInfo cmdlet) => AddExportedCmdletMethod.Invoke(module, new object[] { cmdlet });

        public static void SetHelpFile(CmdletInfo cmdlet, string path) => HelpFileProperty.SetValue(cmdlet, path);
    }
}
