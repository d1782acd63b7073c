using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;

namespace RunAi.PowerShell.Tests;

/// <summary>
/// A host that keeps what <c>Out-Host</c> writes, as a console of a given width and culture would show it. The hosted
/// engine has no Format-*/Out-String cmdlets (they live outside the core), but Out-Host and the formatter are core.
/// A script takes the text written so far with <c>$Host.PrivateData.Take()</c>.
/// </summary>
public sealed class CapturingHost : PSHost
{
    private readonly Screen _screen;

    public CapturingHost(int width, CultureInfo culture)
    {
        _screen = new Screen(width);
        UI = new CapturingUserInterface(_screen);
        CurrentCulture = culture;
        CurrentUICulture = culture;
    }

    public override CultureInfo CurrentCulture { get; }

    public override CultureInfo CurrentUICulture { get; }

    public override Guid InstanceId { get; } = Guid.NewGuid();

    public override string Name => "RunAi.Tests.CapturingHost";

    public override PSObject PrivateData => PSObject.AsPSObject(_screen);

    public override PSHostUserInterface UI { get; }

    public override Version Version { get; } = new(1, 0);

    public override void EnterNestedPrompt() => throw new NotSupportedException();

    public override void ExitNestedPrompt() => throw new NotSupportedException();

    public override void NotifyBeginApplication()
    {
    }

    public override void NotifyEndApplication()
    {
    }

    public override void SetShouldExit(int exitCode)
    {
    }

    /// <summary>The text written so far.</summary>
    public sealed class Screen
    {
        private readonly StringBuilder _text = new();

        public Screen(int width) => Width = width;

        public int Width { get; }

        /// <summary>Returns the text written since the last call and forgets it.</summary>
        public string Take()
        {
            lock (_text)
            {
                var text = _text.ToString();
                _text.Clear();
                return text;
            }
        }

        internal void Write(string text)
        {
            lock (_text)
            {
                _text.Append(text);
            }
        }
    }

    private sealed class CapturingUserInterface : PSHostUserInterface
    {
        private readonly Screen _screen;

        public CapturingUserInterface(Screen screen)
        {
            _screen = screen;
            RawUI = new FixedRawUserInterface(screen.Width);
        }

        public override PSHostRawUserInterface RawUI { get; }

        public override string ReadLine() => throw new NotSupportedException();

        public override SecureString ReadLineAsSecureString() => throw new NotSupportedException();

        public override void Write(string value) => _screen.Write(value);

        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => _screen.Write(value);

        public override void WriteLine(string value) => _screen.Write(value + "\n");

        public override void WriteErrorLine(string value) => _screen.Write(value + "\n");

        public override void WriteDebugLine(string message)
        {
        }

        public override void WriteProgress(long sourceId, ProgressRecord record)
        {
        }

        public override void WriteVerboseLine(string message)
        {
        }

        public override void WriteWarningLine(string message)
        {
        }

        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) => throw new NotSupportedException();

        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) => throw new NotSupportedException();

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw new NotSupportedException();

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
            throw new NotSupportedException();
    }

    private sealed class FixedRawUserInterface : PSHostRawUserInterface
    {
        public FixedRawUserInterface(int width)
        {
            BufferSize = new Size(width, 9999);
            WindowSize = new Size(width, 100);
        }

        public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;

        public override Size BufferSize { get; set; }

        public override Coordinates CursorPosition { get; set; }

        public override int CursorSize { get; set; }

        public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;

        public override bool KeyAvailable => false;

        public override Size MaxPhysicalWindowSize => WindowSize;

        public override Size MaxWindowSize => WindowSize;

        public override Coordinates WindowPosition { get; set; }

        public override Size WindowSize { get; set; }

        public override string WindowTitle { get; set; } = string.Empty;

        public override void FlushInputBuffer()
        {
        }

        public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException();

        public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException();

        public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) => throw new NotSupportedException();

        public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) => throw new NotSupportedException();

        public override void SetBufferContents(Rectangle rectangle, BufferCell fill) => throw new NotSupportedException();
    }
}
