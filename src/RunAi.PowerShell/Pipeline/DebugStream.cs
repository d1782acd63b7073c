using System;
using System.Management.Automation;
using System.Reflection;

namespace RunAi.PowerShell.Pipeline
{
    /// <summary>
    /// <c>-Debug</c> without prompts. PowerShell turns <c>-Debug</c> on a compiled cmdlet into Inquire for its verbose
    /// and warning lines: a "Continue with this operation?" prompt after every line, and under <c>-NonInteractive</c> a
    /// failure of the whole command. The module's diagnostics are never a breakpoint, so <c>-Debug</c> shows them and
    /// goes on, as it does for advanced functions. A preference the user set to Inquire still prompts: only what the
    /// switch implied is changed.
    /// </summary>
    internal static class DebugStream
    {
        // MshCommandRuntime's members (internal in every PowerShell since 2.0): what -Debug implies for this command.
        private static readonly Type? Runtime = typeof(PSCmdlet).Assembly.GetType("System.Management.Automation.MshCommandRuntime");
        private static readonly PropertyInfo?[] SettablePreferences = Properties("DebugPreference", "WarningPreference");
        private static readonly PropertyInfo? VerbosePreference = Properties("VerbosePreference")[0];

        // VerbosePreference has no setter; -Verbose (the flag) is what makes it Continue.
        private static readonly PropertyInfo? VerboseFlag = Properties("Verbose")[0];
        private static readonly PropertyInfo? VerboseFlagSet = Properties("IsVerboseFlagSet")[0];

        /// <summary>Call before the command writes anything (BeginProcessing).</summary>
        public static void NeverInquireForTheDebugSwitch(PSCmdlet cmdlet)
        {
            var runtime = cmdlet.CommandRuntime;
            if (!cmdlet.MyInvocation.BoundParameters.TryGetValue("Debug", out var flag) || flag is not SwitchParameter { IsPresent: true } ||
                runtime is null || Runtime is null || !Runtime.IsInstanceOfType(runtime))
            {
                return;
            }

            foreach (var preference in SettablePreferences)
            {
                if (preference != null && preference.GetValue(runtime) is ActionPreference.Inquire)
                {
                    preference.SetValue(runtime, ActionPreference.Continue);
                }
            }

            if (VerbosePreference?.GetValue(runtime) is ActionPreference.Inquire && VerboseFlagSet?.GetValue(runtime) is false)
            {
                VerboseFlag?.SetValue(runtime, true);
            }
        }

        private static PropertyInfo?[] Properties(params string[] names)
        {
            var properties = new PropertyInfo?[names.Length];
            for (var i = 0; i < names.Length; i++)
            {
                properties[i] = Runtime?.GetProperty(names[i], BindingFlags.Instance | BindingFlags.NonPublic);
            }

            return properties;
        }
    }
}
