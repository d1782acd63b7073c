using System;
using System.Management.Automation;
using System.Net;
using System.Security;

namespace RunAi.PowerShell.Parameters
{
    /// <summary>
    /// Lets a SecureString parameter also take a plain string, so <c>-Token $env:RUNAI_TOKEN</c> works in a
    /// scheduled task while interactive users can pass <c>(Read-Host -AsSecureString)</c>.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class SecureStringTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (value is string text)
            {
                var secure = new NetworkCredential(string.Empty, text).SecurePassword;
                secure.MakeReadOnly();
                return secure;
            }

            return value is SecureString ? value : inputData;
        }
    }
}
